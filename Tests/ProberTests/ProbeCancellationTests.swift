import Config
import Prober
import Testing

/// A probe whose caller stops waiting (the scheduler's hard deadline, shutdown) ends at once and says so.
@Suite struct ProbeCancellationTests {
    @Test("a cancelled probe ends at once, failing its phase as cancelled, not as a server's close")
    func cancelledProbe() async throws {
        let server = try await ScriptedIMAPServer.start { connection in
            try await connection.send(HostileServerTests.greeting)
            while try await connection.readLine() != nil {}  // the login gets no answer
        }
        let settings = ProbeSettings(
            host: "127.0.0.1", port: server.port, tlsMode: TLSMode.none,
            credentials: Credentials(username: "monitor", secret: Secret("hunter2-secret")),
            allowPlaintextAuth: true, timeout: .seconds(30))
        let began = ContinuousClock.now
        let probe = Task { await Prober().probe(settings) }
        while server.arrivedByteCount == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        probe.cancel()
        let result = await probe.value
        let elapsed = ContinuousClock.now - began
        await server.stop()
        let failure = try #require(result.failure)
        #expect(elapsed < .seconds(5))
        #expect(failure.phase == .login)
        #expect(failure.code == .timeout)
        #expect(failure.message.contains("cancelled"))
    }
}
