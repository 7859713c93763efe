import Prober

/// Delivers queued notifications to their receivers, in order per receiver, with retries that survive restarts.
///
/// `enqueue` writes a notification to the durable queue before anything is sent. `deliverDue(now:)` makes one
/// pass: for each receiver, the oldest notification whose time has come is sent; delivered or rejected ones
/// leave the queue, failed ones stay with their next time from the retry policy, and a receiver whose oldest
/// notification failed gets nothing more in that pass (order is kept). Time and jitter come from the caller, so
/// a pass is exact in tests; the daemon calls it from its own loop.
public actor Notifier {
    private var queue: DurableQueue
    private let client: WebhookClient
    private let policy: RetryPolicy
    private var endpoints: [String: ReceiverEndpoint]
    private let jitter: @Sendable () -> Double
    /// Receivers with a send in progress: a second pass that runs while the first awaits a receiver skips that
    /// receiver, so nothing is sent twice and its order holds.
    private var busyReceivers: Set<String> = []

    /// A notifier over `queue` (already recovered), sending through `client` to `endpoints` by receiver name.
    public init(
        queue: DurableQueue, client: WebhookClient = WebhookClient(), policy: RetryPolicy = RetryPolicy(),
        endpoints: [ReceiverEndpoint], jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.queue = queue
        self.client = client
        self.policy = policy
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.jitter = jitter
    }

    /// Queues `body` for `receiver` (on disk before this returns); how many old notifications the bound dropped.
    @discardableResult
    public func enqueue(receiver: String, body: [UInt8], now: Double) throws -> Int {
        try queue.append(QueuedNotification(receiver: receiver, body: body, notBefore: now))
    }

    /// The notifications waiting, oldest first.
    public var pending: [QueuedNotification] { queue.pending }

    /// How many notifications wait, by receiver.
    public var pendingByReceiver: [String: Int] {
        var counts: [String: Int] = [:]
        for entry in queue.pending { counts[entry.receiver, default: 0] += 1 }
        return counts
    }

    /// Replaces the receivers (after a reload); notifications queued for a receiver no longer configured are
    /// rejected at their next attempt.
    public func update(endpoints: [ReceiverEndpoint]) {
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// One delivery pass at `now` (Unix seconds); a report per attempt made.
    public func deliverDue(now: Double) async -> [DeliveryReport] {
        var reports: [DeliveryReport] = []
        var blocked = Set<String>()
        for entry in queue.pending {
            guard !blocked.contains(entry.receiver) else { continue }
            blocked.insert(entry.receiver)  // one attempt per receiver per pass, oldest first
            // Another pass may have sent or removed it while this one awaited an earlier receiver.
            // A time further ahead than the policy ever waits was set before the clock went back: due now.
            let longestWait = max(policy.maximumDelay, policy.maximumRetryAfter).inSeconds
            guard entry.notBefore <= now || entry.notBefore > now + longestWait, !busyReceivers.contains(entry.receiver),
                let current = queue.pending.first(where: { $0.sequence == entry.sequence }), current == entry
            else { continue }
            busyReceivers.insert(entry.receiver)
            let started = ContinuousClock.now
            let result = await attempt(entry)
            let duration = ContinuousClock.now - started
            busyReceivers.remove(entry.receiver)
            let outcome: DeliveryReport.Outcome
            switch result.verdict {
            case .delivered, .rejected:
                try? queue.remove(sequence: entry.sequence)
                outcome = result.verdict == .delivered ? .delivered : .rejected
            case .retry(let after):
                let wait = policy.delay(afterAttempt: entry.attempts &+ 1, jitter: jitter(), retryAfter: after)
                let next = now + wait.inSeconds
                try? queue.recordFailure(sequence: entry.sequence, notBefore: next)
                outcome = .willRetry(notBefore: next)
            }
            reports.append(
                DeliveryReport(
                    receiver: entry.receiver, sequence: entry.sequence, attempt: entry.attempts &+ 1, outcome: outcome,
                    result: result, duration: duration))
        }
        return reports
    }

    /// One attempt at `entry`: an unknown receiver is rejected (the configuration dropped it); an unreadable URL
    /// or header file is a failure to retry (the file may come back).
    private func attempt(_ entry: QueuedNotification) async -> DeliveryResult {
        guard let endpoint = endpoints[entry.receiver] else {
            return DeliveryResult(
                verdict: .rejected, status: nil, transportError: "receiver '\(entry.receiver)' is not configured")
        }
        let request: WebhookRequest
        do {
            request = WebhookRequest(
                url: try endpoint.url(), body: entry.body, contentType: endpoint.contentType,
                headers: try endpoint.headers(), connectTimeout: endpoint.connectTimeout, timeout: endpoint.timeout)
        } catch {
            return DeliveryResult(
                verdict: .retry(after: nil), status: nil,
                transportError: "cannot read the URL or headers of receiver '\(entry.receiver)': \(error)")
        }
        return await client.send(request)
    }
}
