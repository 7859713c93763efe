import NIOPosix

/// Sends webhook requests through libcurl on a thread pool, never on a NIO event loop.
///
/// Each `send` is one blocking libcurl exchange on one of `threadPool`'s threads; retrying, backoff and queueing
/// belong to the caller, which reads the `DeliveryResult`'s verdict.
public struct WebhookClient: Sendable {
    private let threadPool: NIOThreadPool

    /// A client on `threadPool` (NIO's shared blocking pool by default).
    public init(threadPool: NIOThreadPool = .singleton) {
        self.threadPool = threadPool
    }

    /// One attempt to deliver `request`.
    public func send(_ request: WebhookRequest) async -> DeliveryResult {
        do {
            return try await threadPool.runIfActive { CurlExchange(request).perform() }
        } catch {
            return DeliveryResult(verdict: .retry(after: nil), status: nil, transportError: "the delivery threads are stopped")
        }
    }
}
