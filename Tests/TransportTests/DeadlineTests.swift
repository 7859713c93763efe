import TestSupport
import Testing
import Transport

/// The connection's overall deadline and its bounded read-ahead.
@Suite struct DeadlineTests {
    @Test func silentServerTimesOutAtTheDeadline() async throws {
        let server = try await ServerProcess.python("silent")
        defer { server.stop() }
        // The deadline counts from before the connect, so the time is measured from there too.
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(800)
        let connection = try await TestHelpers.connect(port: server.port, deadline: deadline)
        let (error, _) = await TestHelpers.timed { _ = try await connection.read() }
        let elapsed = ContinuousClock.now - start
        #expect(error?.code == .timeout)
        #expect(elapsed >= .milliseconds(800))
        #expect(elapsed < .milliseconds(1500))
        let (writeError, _) = await TestHelpers.timed { try await connection.write(Array("a NOOP\r\n".utf8)) }
        #expect(writeError?.code == .timeout)
        await connection.close()
    }

    @Test func drippingServerCannotHoldReadsPastTheDeadline() async throws {
        let server = try await ServerProcess.python("drip")
        defer { server.stop() }
        let start = ContinuousClock.now
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(0.8))
        var received = 0
        let (error, _) = await TestHelpers.timed {
            for _ in 0..<1000 {
                received += try await connection.read()?.count ?? 0
            }
        }
        #expect(error?.code == .timeout)
        #expect(received > 0)
        #expect(ContinuousClock.now - start < .milliseconds(1300))
        await connection.close()
    }

    @Test func silentServerTimesOutTheHandshake() async throws {
        let server = try await ServerProcess.python("silent")
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(0.8))
        let (error, elapsed) = await TestHelpers.timed {
            _ = try await connection.startTLS(TLSClientConfiguration.forHost("localhost"))
        }
        #expect(error?.code == .timeout)
        #expect(elapsed < .milliseconds(1300))
        await connection.close()
    }

    @Test func readAheadIsBounded() async throws {
        let server = try await ServerProcess.python("flood")
        defer { server.stop() }
        let limit = 64 * 1024
        let (connection, _) = try await TransportConnection.connect(
            to: [try ResolvedAddress(ip: "127.0.0.1", port: server.port)],
            deadline: TestHelpers.deadline(10), group: TestHelpers.group, readAheadLimit: limit)
        try await Task.sleep(for: .milliseconds(500))
        let buffered = connection.bufferedByteCount
        #expect(buffered >= limit)
        #expect(buffered < limit + 512 * 1024)  // one read cycle past the limit at most
        // Reading drains the buffer and lets the flood continue.
        var total = 0
        for _ in 0..<200 {
            total += try await connection.read()?.count ?? 0
        }
        #expect(total > limit)
        await connection.close()
    }
}
