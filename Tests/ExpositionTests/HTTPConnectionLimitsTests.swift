import Exposition
import Foundation
import TestSupport
import Testing

/// `HTTPConnectionLimits` on a live server: clients that connect and go quiet are closed, and no more than the
/// maximum are served at once, so the descriptors the probes need stay free.
@Suite struct HTTPConnectionLimitsTests {
    static let quick = HTTPConnectionLimits(idleTimeout: .milliseconds(300), maximumConnections: 256)

    @Test("a client that sends nothing is closed after the idle timeout")
    func silentClientIsClosed() async throws {
        try await LiveMetricsServer.run(limits: Self.quick) { port in
            let socket = try LoopbackSocket(port: port, timeout: .seconds(5))
            let start = ContinuousClock.now
            let (bytes, ending) = await socket.receiveToEndOffThePool()
            #expect(ending == .closed)
            #expect(bytes.isEmpty)
            #expect(ContinuousClock.now - start < .seconds(4))
        }
    }

    @Test("a request head that never completes is closed after the idle timeout, unanswered")
    func slowHeadIsClosed() async throws {
        try await LiveMetricsServer.run(limits: Self.quick) { port in
            let socket = try LoopbackSocket(port: port, timeout: .seconds(5))
            try socket.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            let (bytes, ending) = await socket.receiveToEndOffThePool()
            #expect(ending == .closed)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("200 OK"))
        }
    }

    @Test("a keep-alive connection gets its answer, then is closed once idle")
    func keepAliveIsAnsweredThenClosed() async throws {
        try await LiveMetricsServer.run(limits: Self.quick) { port in
            let socket = try LoopbackSocket(port: port, timeout: .seconds(5))
            try socket.send("GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let (bytes, ending) = await socket.receiveToEndOffThePool()
            #expect(ending == .closed)
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }

    @Test("a request answered more slowly than the idle timeout is not cut")
    func slowAnswerIsNotCut() async throws {
        let slowProbe: @Sendable (ProbeEndpointRequest) async -> ProbeEndpointResponse = { _ in
            try? await Task.sleep(for: .seconds(1))
            return ProbeEndpointResponse(status: .ok, contentType: "text/plain; version=0.0.4", body: "probe_success 1\n")
        }
        try await LiveMetricsServer.run(limits: Self.quick, probe: slowProbe) { port in
            let socket = try LoopbackSocket(port: port, timeout: .seconds(5))
            try socket.send("GET /probe?target=mail.example.org HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let (bytes, ending) = await socket.receiveToEndOffThePool()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(text)")
            #expect(text.hasSuffix("probe_success 1\n"))
            #expect(ending == .closed)  // by the idle timeout after the answer
        }
    }

    @Test("a body sent a byte at a time is cut at the request deadline, though each byte resets the idle timer")
    func tricklingBodyIsCut() async throws {
        let limits = HTTPConnectionLimits(idleTimeout: .seconds(1), requestReadTimeout: .milliseconds(1500))
        try await LiveMetricsServer.run(limits: limits) { port in
            let socket = try LoopbackSocket(port: port, timeout: .seconds(8))
            try socket.send("GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
            // A byte every 200 ms for 4 s: the idle timer alone would keep the connection open all along.
            let trickle = Task {
                for _ in 0..<20 {
                    try? socket.send("x")
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            let start = ContinuousClock.now
            let (_, ending) = await socket.receiveToEndOffThePool()
            let elapsed = ContinuousClock.now - start
            trickle.cancel()
            #expect(ending == .closed)
            #expect(elapsed < .seconds(3), "closed after \(elapsed)")
        }
    }

    @Test("beyond the maximum, a client waits until a connection closes, then is served")
    func connectionsBeyondTheMaximumWait() async throws {
        let limits = HTTPConnectionLimits(idleTimeout: .seconds(60), maximumConnections: 2)
        try await LiveMetricsServer.run(limits: limits) { port in
            let first = try LoopbackSocket(port: port, timeout: .seconds(5))
            let second = try LoopbackSocket(port: port, timeout: .seconds(5))
            // Both idle connections are accepted before the third arrives.
            try await Task.sleep(for: .milliseconds(200))
            let third = try LoopbackSocket(port: port, timeout: .seconds(1))
            try third.send("GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let waiting = await third.receiveToEndOffThePool()
            #expect(waiting.ending == .timedOut)
            #expect(waiting.bytes.isEmpty)
            first.close()
            let served = await third.receiveToEndOffThePool()
            #expect(served.ending == .closed)
            #expect(String(decoding: served.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
            second.close()
        }
    }
}

/// The cap chosen from the process's open-files limit.
@Suite struct HTTPConnectionLimitsDefaultsTests {
    @Test(arguments: [
        (UInt64?.none, 4_096), (UInt64(1_048_576), 4_096), (UInt64(16_384), 4_096), (UInt64(16_383), 4_095),
        (UInt64(1_024), 256), (UInt64(40), 16), (UInt64.max, 4_096),
    ])
    func aQuarterOfTheOpenFilesAtMost4096(openFiles: UInt64?, expected: Int) {
        let limits = HTTPConnectionLimits.forOpenFilesLimit(openFiles)
        #expect(limits.maximumConnections == expected)
        #expect(limits.idleTimeout == .seconds(120))
    }
}
