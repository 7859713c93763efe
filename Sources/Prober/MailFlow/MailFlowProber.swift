import Config
import SMTPProtocol
import Transport

/// Runs the mail-flow loop: logs in to the mailbox by IMAP, then submits a message with a fresh token, looks for
/// it until it arrives or the time is up, and deletes it (and what earlier runs of the loop left). Returns plain
/// data; never throws.
///
/// The mailbox session opens first and stays open: nothing is submitted to a mailbox the loop cannot read, and the
/// delivery is timed from the submission server's acceptance by a session already logged in, not from after a
/// login. The two halves are there apart for the Nagios plugin's non-blocking mode, which sends now (`send`) and
/// judges the message an earlier run sent (`look`).
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

    /// One whole loop: the mailbox session logs in, the message is submitted, the session looks for it until it
    /// arrives or `deliveryTimeout` after its acceptance. Without a login there is no submission.
    public func run(_ settings: MailFlowSettings, keepingTranscript: Bool = false) async -> MailFlowResult {
        var result = newResult(settings)
        let signal = SubmissionSignal()
        var mailbox = settings.mailbox
        // The session's own budget, with the submission and the wait on top.
        mailbox.timeout += settings.submission.timeout + settings.deliveryTimeout
        let watch = self.watch(for: result.token, signal: signal, acceptedUnix: nil, settings)
        let prober = self.prober
        async let session: ProbeResult = {
            let result = await prober.probe(mailbox, keepingTranscript: keepingTranscript, watching: watch)
            signal.mailboxReady(false)  // ended before logging in, if it had not said otherwise
            return result
        }()
        if await signal.mailboxReady() {
            await submit(settings, into: &result, keepingTranscript: keepingTranscript)
            signal.submission(acceptedAt: result.submission.flatMap { $0.accepted ? $0.acceptedAt : nil })
        } else {
            signal.submission(acceptedAt: nil)
        }
        result.mailbox = await session
        return result
    }

    /// Submits a message with a fresh token, and does not look for it.
    public func send(_ settings: MailFlowSettings, keepingTranscript: Bool = false) async -> MailFlowResult {
        var result = newResult(settings)
        await submit(settings, into: &result, keepingTranscript: keepingTranscript)
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
        let watch = self.watch(
            for: token, signal: SubmissionSignal(acceptedAt: acceptedAt), acceptedUnix: acceptedUnix, settings)
        var mailbox = settings.mailbox
        // The session's own budget, and the wait that is left on top of it.
        mailbox.timeout += max(.zero, acceptedAt.advanced(by: settings.deliveryTimeout) - .now)
        return await prober.probe(mailbox, keepingTranscript: keepingTranscript, watching: watch)
    }

    private func newResult(_ settings: MailFlowSettings) -> MailFlowResult {
        let startedAt = wallClock()
        return MailFlowResult(
            token: LoopToken(identity: settings.identity, unixTime: Int(startedAt)), startedAt: startedAt,
            submission: nil, mailbox: nil, lateAfter: settings.lateAfter)
    }

    private func watch(
        for token: LoopToken, signal: SubmissionSignal, acceptedUnix: Double?, _ settings: MailFlowSettings
    ) -> DeliveryWatch {
        DeliveryWatch(
            token: token, signal: signal, acceptedUnix: acceptedUnix, folders: settings.folders,
            deliveryTimeout: settings.deliveryTimeout, pollInterval: settings.pollInterval,
            staleBefore: Int(wallClock()) - Int(settings.longestRun.components.seconds) - 1)
    }

    /// Submits the message of `result.token`, recording the submission and, when accepted, its wall-clock time.
    private func submit(_ settings: MailFlowSettings, into result: inout MailFlowResult, keepingTranscript: Bool) async {
        let recipient = settings.submission.recipients.first ?? settings.submission.sender
        let message: ProbeMessage
        do {
            message = try ProbeMessage(
                token: result.token.description, from: settings.submission.sender, to: recipient,
                unixTime: Int(result.startedAt), hostName: settings.submission.clientName)
        } catch {
            var submission = SubmissionResult()
            submission.failure = .init(
                code: .configurationInvalid, phase: .submit, message: "cannot make the message: \(error)")
            result.submission = submission
            return
        }
        let submission = await submitter.submit(
            settings.submission, message: message.bytes, keepingTranscript: keepingTranscript)
        result.submission = submission
        if submission.accepted, let acceptedAt = submission.acceptedAt {
            result.acceptedUnix = wallClock() - (ContinuousClock.now - acceptedAt).inSeconds
        }
    }
}
