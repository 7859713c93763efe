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
        let resolver = self.resolver
        return await threads.onOneLoop { loop in
            var result = result
            do throws(TransportError) {
                let addresses = try await Self.timed(.resolve, in: &result) {
                    () async throws(TransportError) -> [ResolvedAddress] in
                    try await resolver.resolve(settings.host, port: settings.port, until: deadline)
                }
                let (connection, report) = try await Self.timed(.connect, in: &result) {
                    () async throws(TransportError) -> (TransportConnection, ConnectReport) in
                    // Postfix writes with Nagle on: see QuickAckHandler for the 40 ms it otherwise puts in smtp_ehlo.
                    try await TransportConnection.connect(
                        to: addresses, deadline: deadline, group: loop.group, acknowledgingAtOnce: true)
                }
                result.connectedAddress = report.connectedAddress.description
                let run = SubmissionRun(
                    settings: settings, plan: plan, tlsContext: context, scrubber: scrubber,
                    keepingTranscript: keepingTranscript, result: result)
                await connection.converse(run)
                return run.result
            } catch {
                return result
            }
        }
    }

    /// Runs `body` as `phase`: its time is recorded whatever the outcome, and its failure becomes the result's.
    private static func timed<T>(
        _ phase: SubmissionPhase, in result: inout SubmissionResult,
        _ body: () async throws(TransportError) -> T
    ) async throws(TransportError) -> T {
        let started = ContinuousClock.now
        do {
            let value = try await body()
            result.phases.append(.init(phase: phase, duration: .now - started))
            return value
        } catch {
            result.phases.append(.init(phase: phase, duration: .now - started))
            result.failure = .init(
                code: ProbeFailure.Code(error, connecting: true), phase: phase,
                message: error.message.escapingControlCharacters)
            throw error
        }
    }
}
