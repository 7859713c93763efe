import Config
import SMTPProtocol
import Transport

/// Submits one message to a submission server and returns what happened as plain data, each phase timed.
///
/// Like `Prober`: resolving and connecting in the caller's task on the connection's event loop, then the
/// conversation as one `SubmissionRun` that the connection drives. Never throws: every failure is in the result,
/// with its phase.
public struct MailSubmitter: Sendable {
    private let threads: NetworkThreads
    private let resolver: Resolver
    private let tlsContexts: TLSClientContextCache

    /// A submitter whose connections run on `threads`; TLS contexts (and their trust anchors) come from
    /// `tlsContexts`, shared with the IMAP prober when it is passed the same cache.
    public init(
        threads: NetworkThreads = .shared, resolver: Resolver = Resolver(),
        tlsContexts: TLSClientContextCache = TLSClientContextCache()
    ) {
        self.threads = threads
        self.resolver = resolver
        self.tlsContexts = tlsContexts
    }

    /// Submits `message` (CRLF line ends) as `settings` say.
    public func submit(_ settings: SubmissionSettings, message: [UInt8], keepingTranscript: Bool = false) async
        -> SubmissionResult
    {
        var result = SubmissionResult()
        let serverName = (settings.serverName ?? settings.host).text
        let context: TLSClientContext
        do {
            context = try tlsContexts.context(for: TLSClientConfiguration(
                serverName: serverName, verifyHostname: serverName, caFile: settings.caFile, minimumVersion: .tls1_2))
        } catch {
            result.failure = .init(code: .configurationInvalid, phase: .connect, message: error.message)
            return result
        }
        let credentials = settings.username.map {
            SubmissionPlan.Credentials(username: $0, password: settings.password?.exposedValue ?? "")
        }
        let plan = SubmissionPlan(
            security: settings.security, clientName: settings.clientName, credentials: credentials,
            sender: settings.sender, recipients: settings.recipients, message: message)
        let scrubber = SecretScrubber(settings.password.map { [$0] } ?? [])
        let deadline = ContinuousClock.now.advanced(by: settings.timeout)
        return await threads.onOneLoop { loop in
            var result = result
            var started = ContinuousClock.now
            let addresses: [ResolvedAddress]
            do throws(TransportError) {
                addresses = try await resolve(settings, until: deadline)
            } catch {
                result.phases.append(.init(phase: .resolve, duration: .now - started))
                result.failure = .init(
                    code: ProbeFailure.Code(error, connecting: true), phase: .resolve, message: error.message)
                return result
            }
            result.phases.append(.init(phase: .resolve, duration: .now - started))
            started = .now
            let connection: TransportConnection
            do throws(TransportError) {
                let (open, report) = try await TransportConnection.connect(
                    to: addresses, deadline: deadline, group: loop.group)
                connection = open
                result.connectedAddress = report.connectedAddress.description
            } catch {
                result.phases.append(.init(phase: .connect, duration: .now - started))
                result.failure = .init(
                    code: ProbeFailure.Code(error, connecting: true), phase: .connect,
                    message: error.message.escapingControlCharacters)
                return result
            }
            result.phases.append(.init(phase: .connect, duration: .now - started))
            let run = SubmissionRun(
                settings: settings, plan: plan, tlsContext: context, scrubber: scrubber,
                keepingTranscript: keepingTranscript, result: result)
            await connection.converse(run)
            return run.result
        }
    }

    /// The addresses of the submission host; an address literal needs no lookup (and no race with the deadline).
    private func resolve(_ settings: SubmissionSettings, until deadline: ContinuousClock.Instant)
        async throws(TransportError) -> [ResolvedAddress]
    {
        let resolver = self.resolver
        let host = settings.host.text, port = settings.port
        if settings.host.isAddress { return try await resolver.resolve(host: host, port: port) }
        do {
            return try await DeadlineRace.run(until: deadline, onTimeout: {
                TransportError(.timeout, "name resolution did not finish in time")
            }) {
                try await resolver.resolve(host: host, port: port)
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(.resolveFailed, String(describing: error))
        }
    }
}
