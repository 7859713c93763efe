import Config
import SMTPProtocol
import Transport

/// Runs the mail-flow loop: submits a message with a fresh token, then logs in to the mailbox and looks for it
/// until it arrives or the time is up, and deletes it (and what earlier runs of the loop left). Returns plain data;
/// never throws.
///
/// The two halves are there apart for the Nagios plugin's non-blocking mode, which sends now (`send`) and judges
/// the message an earlier run sent (`look`).
public struct MailFlowProber: Sendable {
    private let prober: Prober
    private let submitter: MailSubmitter
    private let wallClock: @Sendable () -> Double

    /// A loop whose connections run on `threads`; TLS contexts are shared between the two sessions.
    public init(
        threads: NetworkThreads = .shared, resolver: Resolver = Resolver(),
        wallClock: @escaping @Sendable () -> Double = Prober.unixTime,
        tlsContexts: TLSClientContextCache = TLSClientContextCache()
    ) {
        prober = Prober(threads: threads, resolver: resolver, wallClock: wallClock, tlsContexts: tlsContexts)
        submitter = MailSubmitter(threads: threads, resolver: resolver, tlsContexts: tlsContexts)
        self.wallClock = wallClock
    }

    /// One whole loop: send, then look for the message until it arrives or `deliveryTimeout` after its acceptance.
    public func run(_ settings: MailFlowSettings, keepingTranscript: Bool = false) async -> MailFlowResult {
        var result = await send(settings, keepingTranscript: keepingTranscript)
        guard let submission = result.submission, submission.accepted, let acceptedAt = submission.acceptedAt else {
            return result
        }
        result.mailbox = await look(
            for: result.token, acceptedAt: acceptedAt, acceptedUnix: nil, settings, keepingTranscript: keepingTranscript)
        return result
    }

    /// Submits a message with a fresh token, and does not look for it.
    public func send(_ settings: MailFlowSettings, keepingTranscript: Bool = false) async -> MailFlowResult {
        let startedAt = wallClock()
        let token = LoopToken(identity: settings.identity, unixTime: Int(startedAt))
        var result = MailFlowResult(
            token: token, startedAt: startedAt, submission: nil, mailbox: nil, lateAfter: settings.lateAfter)
        let recipient = settings.submission.recipients.first ?? settings.submission.sender
        do {
            let message = try ProbeMessage(
                token: token.description, from: settings.submission.sender, to: recipient, unixTime: Int(startedAt),
                hostName: settings.submission.clientName)
            let submission = await submitter.submit(
                settings.submission, message: message.bytes, keepingTranscript: keepingTranscript)
            result.submission = submission
            if submission.accepted, let acceptedAt = submission.acceptedAt {
                result.acceptedUnix = wallClock() - (ContinuousClock.now - acceptedAt).inSeconds
            }
        } catch {
            var submission = SubmissionResult()
            submission.failure = .init(
                code: .configurationInvalid, phase: .submit, message: "cannot make the message: \(error)")
            result.submission = submission
        }
        return result
    }

    /// Looks for the message `token` an earlier run sent, which the submission server accepted at `acceptedUnix`
    /// (wall clock, Unix seconds), until it is found or `deliveryTimeout` after its acceptance (a single round when
    /// that has passed); deletes it. Found at the first look, its delivery is timed by its INTERNALDATE.
    public func look(
        for token: LoopToken, acceptedUnix: Double, _ settings: MailFlowSettings, keepingTranscript: Bool = false
    ) async -> ProbeResult {
        let secondsAgo = max(0, wallClock() - acceptedUnix)
        let acceptedAt = ContinuousClock.now - .milliseconds(Int64(secondsAgo * 1000))
        return await look(
            for: token, acceptedAt: acceptedAt, acceptedUnix: acceptedUnix, settings, keepingTranscript: keepingTranscript)
    }

    private func look(
        for token: LoopToken, acceptedAt: ContinuousClock.Instant, acceptedUnix: Double?, _ settings: MailFlowSettings,
        keepingTranscript: Bool
    ) async -> ProbeResult {
        let until = acceptedAt.advanced(by: settings.deliveryTimeout)
        let watch = DeliveryWatch(
            token: token, acceptedAt: acceptedAt, acceptedUnix: acceptedUnix, folders: settings.folders, until: until,
            pollInterval: settings.pollInterval,
            staleBefore: Int(wallClock()) - Int(settings.longestRun.components.seconds) - 1)
        var mailbox = settings.mailbox
        // The session's own budget, and the wait that is left on top of it.
        mailbox.timeout += max(.zero, until - .now)
        return await prober.probe(mailbox, keepingTranscript: keepingTranscript, watching: watch)
    }
}
