import Exposition
import Logging
import Prometheus
import ServiceLifecycle

/// `MetricsApplication` on a real loopback port, for tests of what a raw TCP client sees.
enum LiveMetricsServer {
    /// The server did not report its port.
    struct NotStarted: Error {}

    /// Serves an empty registry with `limits` on 127.0.0.1 (and `/probe` answered by `probe`, if given) while
    /// `body` runs with the port, then shuts it down.
    static func run<Value: Sendable>(
        limits: HTTPConnectionLimits, probe: (@Sendable (ProbeEndpointRequest) async -> ProbeEndpointResponse)? = nil,
        _ body: @Sendable (Int) async throws -> Value
    ) async throws -> Value {
        let router = MetricsRouter(
            metrics: ProbeMetrics(registry: PrometheusCollectorRegistry()), readiness: Readiness(ready: true),
            version: "1", probe: probe)
        let (ports, continuation) = AsyncStream<Int?>.makeStream()
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = MetricsApplication.make(
            router: router, host: "127.0.0.1", port: 0, limits: limits, logger: logger,
            onServerRunning: { continuation.yield($0) })
        let group = ServiceGroup(services: [app], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            do {
                guard let reported = await iterator.next(), let port = reported else { throw NotStarted() }
                let value = try await body(port)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
