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

    /// Queues `body` for `receiver` (on disk before this returns); how many old notifications the bound dropped,
    /// by their receiver.
    @discardableResult
    public func enqueue(receiver: String, body: [UInt8], now: Double) throws -> [String: Int] {
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

    /// Changes the queue's bound (after a reload); how many of the oldest a smaller one dropped, by receiver.
    public func setQueueCapacity(_ capacity: Int) -> [String: Int] {
        queue.setCapacity(capacity)
    }

    /// Replaces the receivers (after a reload); notifications queued for a receiver no longer configured are
    /// rejected at their next attempt.
    public func update(endpoints: [ReceiverEndpoint]) {
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// One delivery pass at `now` (Unix seconds); a report per attempt made. Receivers are tried at the same
    /// time, and each attempt's verdict is applied to the queue as soon as it is known, so one receiver that hangs
    /// until its timeout holds up no other (another pass may send the next notification of a receiver that is
    /// done). An attempt whose outcome is unknown because the pass was cancelled (shutdown) leaves its
    /// notification queued as it was, neither delivered nor counted as failed: it is sent again after a restart.
    public func deliverDue(now: Double) async -> [DeliveryReport] {
        // A time further ahead than the policy ever waits was set before the clock went back: due now.
        let longestWait = max(policy.maximumDelay, policy.maximumRetryAfter).inSeconds
        var picked: [QueuedNotification] = []
        var seen = Set<String>()
        for entry in queue.pending where seen.insert(entry.receiver).inserted {  // the oldest of each receiver
            guard entry.notBefore <= now || entry.notBefore > now + longestWait,
                busyReceivers.insert(entry.receiver).inserted
            else { continue }
            picked.append(entry)
        }
        let attempts = picked.map { ($0, prepare($0)) }
        let client = self.client
        var reports: [(index: Int, report: DeliveryReport)] = []
        await withTaskGroup(of: (Int, DeliveryResult?, Duration).self) { group in
            for (index, (_, prepared)) in attempts.enumerated() {
                group.addTask {
                    switch prepared {
                    case .success(let request):
                        let started = ContinuousClock.now
                        let result = await client.send(request)
                        // Cancelled without an answer: it may have gone out or not.
                        let known = Task.isCancelled && result.status == nil ? nil : result
                        return (index, known, ContinuousClock.now - started)
                    case .failure(let refusal):
                        return (index, refusal.result, .zero)  // nothing was sent
                    }
                }
            }
            for await (index, result, duration) in group {
                let entry = attempts[index].0
                busyReceivers.remove(entry.receiver)
                guard let result else { continue }
                reports.append((index, record(result, of: entry, duration: duration, now: now)))
            }
        }
        return reports.sorted { $0.index < $1.index }.map(\.report)  // in the order of the queue
    }

    /// Applies an attempt's verdict to the queue: delivered or rejected ones leave it, failed ones wait their turn.
    private func record(
        _ result: DeliveryResult, of entry: QueuedNotification, duration: Duration, now: Double
    ) -> DeliveryReport {
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
        return DeliveryReport(
            receiver: entry.receiver, sequence: entry.sequence, attempt: entry.attempts &+ 1, outcome: outcome,
            result: result, duration: duration)
    }

    /// Why an attempt was not even made, as its result.
    private struct Refusal: Error {
        var result: DeliveryResult
    }

    /// The request for `entry`, or why there is none: an unknown receiver is rejected (the configuration dropped
    /// it); an unreadable URL or header file is a failure to retry (the file may come back).
    private func prepare(_ entry: QueuedNotification) -> Result<WebhookRequest, Refusal> {
        guard let endpoint = endpoints[entry.receiver] else {
            return .failure(
                Refusal(
                    result: DeliveryResult(
                        verdict: .rejected, status: nil,
                        transportError: "receiver '\(entry.receiver)' is not configured")))
        }
        do {
            return .success(try endpoint.request(body: entry.body))
        } catch {
            return .failure(
                Refusal(
                    result: DeliveryResult(
                        verdict: .retry(after: nil), status: nil,
                        transportError: "cannot read the URL or headers of receiver '\(entry.receiver)': \(error)")))
        }
    }
}
