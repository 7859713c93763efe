import BlockingWork

/// Sends webhook requests through libcurl on an executor of its own, never on a NIO event loop, the cooperative
/// pool or threads that probes or password checks use.
///
/// Each `send` is one blocking libcurl exchange on a thread of `executor`; the `Notifier` keeps at most one send
/// per receiver in flight, so with `defaultConcurrency` at least the number of receivers, a receiver that hangs
/// until its timeout holds only its own thread and delays no other receiver. Retrying, backoff and queueing belong
/// to the caller, which reads the `DeliveryResult`'s verdict.
public struct WebhookClient: Sendable {
    /// Deliveries that run at once by default (one per receiver, up to this many receivers).
    public static let defaultConcurrency = 64

    /// Where libcurl runs; its statistics are the `delivery` executor's metrics.
    public let executor: BlockingExecutor

    /// A client on `executor` (by default one of its own).
    public init(
        executor: BlockingExecutor = BlockingExecutor(
            name: "delivery", concurrency: WebhookClient.defaultConcurrency, queueLimit: 0)
    ) {
        self.executor = executor
    }

    /// One attempt to deliver `request`.
    public func send(_ request: WebhookRequest) async -> DeliveryResult {
        do {
            return try await executor.run { CurlExchange(request).perform() }
        } catch {
            return DeliveryResult(verdict: .retry(after: nil), status: nil, transportError: "not sent: \(error.reason)")
        }
    }
}
