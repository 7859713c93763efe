import NIOConcurrencyHelpers
import TestSupport
import Testing
import Transport

/// `TransportConnection.converse`: a dialogue driven on the event loop, from bytes read ahead before it began
/// through STARTTLS in place to its end by the peer, the deadline or cancellation.
@Suite struct ConverseTests {
    let pki: TestPKI

    init() async throws {
        pki = try await TestPKI()
    }

    @Test func aDialogueUpgradesInPlaceAndSpeaksOverTLS() async throws {
        defer { pki.remove() }
        let server = try await ServerProcess.python("starttls", [pki.leafCertificate, pki.leafKey])
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        let context = try TLSClientContext(.forHost("localhost", caFile: pki.caFile))
        let dialogue = ScriptedDialogue { event in
            switch event {
            case "bytes * OK ready\r\n": .send(Array("a STARTTLS\r\n".utf8))
            case "bytes a OK begin TLS\r\n": .startTLS(context)
            case "tls verified": .send(Array("b NOOP\r\n".utf8))
            case "bytes echo: b NOOP\r\n": .finish
            default: .wait
            }
        }
        await connection.converse(dialogue)
        #expect(
            dialogue.events == [
                "begin", "bytes * OK ready\r\n", "proceed", "bytes a OK begin TLS\r\n", "tls verified", "proceed",
                "bytes echo: b NOOP\r\n",
            ])
    }

    @Test func plaintextReadAheadBeforeTheDialogueBlocksAnImmediateHandshake() async throws {
        defer { pki.remove() }
        let server = try await ServerProcess.python("starttls", [pki.leafCertificate, pki.leafKey])
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        for _ in 0..<100 where connection.bufferedByteCount == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let context = try TLSClientContext(.forHost("localhost", caFile: pki.caFile))
        let dialogue = ScriptedDialogue { event in
            event == "begin" ? .startTLS(context) : .finish
        }
        await connection.converse(dialogue)
        #expect(dialogue.events.count == 2)
        #expect(dialogue.events.last?.hasPrefix("tls failed plaintext_after_starttls: 12 bytes of plaintext") == true)
    }

    @Test func bytesReadAheadReachTheDialogueAndThenThePeersClose() async throws {
        let server = try await ServerProcess.python("greet-close")
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        for _ in 0..<100 where connection.bufferedByteCount == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let dialogue = ScriptedDialogue { $0 == "ended" ? .finish : .wait }
        await connection.converse(dialogue)
        #expect(dialogue.events == ["begin", "bytes * BYE bye\r\n", "ended"])
    }

    @Test func theDeadlineEndsASilentDialogue() async throws {
        let server = try await ServerProcess.python("silent")
        defer { server.stop() }
        let start = ContinuousClock.now
        let connection = try await TestHelpers.connect(port: server.port, deadline: start + .milliseconds(800))
        let dialogue = ScriptedDialogue { $0.hasPrefix("ended") ? .finish : .wait }
        await connection.converse(dialogue)
        let elapsed = ContinuousClock.now - start
        #expect(dialogue.events == ["begin", "ended timeout: the deadline passed"])
        #expect(elapsed >= .milliseconds(800))
        #expect(elapsed < .milliseconds(1500))
    }

    /// A pause resumes the dialogue with `proceed()` at its time, not before; two in a row poll twice.
    @Test func aPauseResumesWithProceedAtItsTime() async throws {
        let server = try await ServerProcess.python("silent")
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        let start = ContinuousClock.now
        let resumed = NIOLockedValueBox<[Duration]>([])
        let dialogue = ScriptedDialogue { event in
            switch event {
            case "begin": return .pause(until: start + .milliseconds(150))
            case "proceed":
                let count = resumed.withLockedValue {
                    $0.append(ContinuousClock.now - start)
                    return $0.count
                }
                return count < 2 ? .pause(until: start + .milliseconds(300)) : .finish
            default: return .wait
            }
        }
        await connection.converse(dialogue)
        #expect(dialogue.events == ["begin", "proceed", "proceed"])
        let times = resumed.withLockedValue { $0 }
        #expect(times.count == 2)
        #expect(times.first.map { $0 >= .milliseconds(150) } == true, "\(times)")
        #expect(times.last.map { $0 >= .milliseconds(300) } == true, "\(times)")
    }

    /// `resumeEarly` (from another thread) ends a running pause at once with `proceed()`; when no pause runs it
    /// does nothing.
    @Test func resumeEarlyEndsAPauseAtOnce() async throws {
        let server = try await ServerProcess.python("silent")
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(10))
        let start = ContinuousClock.now
        let proceeded = NIOLockedValueBox<Duration?>(nil)
        let dialogue = ScriptedDialogue { event in
            switch event {
            case "begin": return .pause(until: start + .seconds(5))
            case "proceed":
                proceeded.withLockedValue { $0 = ContinuousClock.now - start }
                return .finish
            default: return .wait
            }
        }
        connection.resumeEarly()  // before the dialogue runs: no pause yet, nothing happens
        let conversation = Task { await connection.converse(dialogue) }
        try await Task.sleep(for: .milliseconds(200))
        connection.resumeEarly()
        await conversation.value
        #expect(dialogue.events == ["begin", "proceed"])
        let at = try #require(proceeded.withLockedValue { $0 })
        #expect(at >= .milliseconds(200) && at < .seconds(2), "\(at)")
    }

    /// The deadline ends a dialogue whose pause runs past it, and the pause's resume never comes after the end.
    @Test func theDeadlineEndsAPauseAndFinishingCancelsIt() async throws {
        let server = try await ServerProcess.python("silent")
        defer { server.stop() }
        let start = ContinuousClock.now
        let connection = try await TestHelpers.connect(port: server.port, deadline: start + .milliseconds(400))
        let dialogue = ScriptedDialogue { event in
            event == "begin" ? .pause(until: start + .milliseconds(900)) : event.hasPrefix("ended") ? .finish : .wait
        }
        await connection.converse(dialogue)
        #expect(ContinuousClock.now - start < .milliseconds(850))
        try await Task.sleep(until: start + .milliseconds(1100))
        #expect(dialogue.events == ["begin", "ended timeout: the deadline passed"])
    }

    @Test func cancellingTheCallerEndsTheDialogueAsCancelled() async throws {
        let server = try await ServerProcess.python("silent")
        defer { server.stop() }
        let connection = try await TestHelpers.connect(port: server.port, deadline: TestHelpers.deadline(30))
        let dialogue = ScriptedDialogue { $0.hasPrefix("ended") ? .finish : .wait }
        let start = ContinuousClock.now
        let task = Task { await connection.converse(dialogue) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await task.value
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(dialogue.events == ["begin", "ended cancelled: the probe was cancelled before it ended"])
    }
}

/// A dialogue that records each call as a line and answers it with `script(line)`.
///
/// Called only on the connection's event loop while `converse` runs, and read after it returns; the lock makes
/// that visible to the compiler too.
private final class ScriptedDialogue: ConnectionDialogue, Sendable {
    private let script: @Sendable (String) -> DialogueAction
    private let recorded = NIOLockedValueBox<[String]>([])

    init(_ script: @escaping @Sendable (String) -> DialogueAction) {
        self.script = script
    }

    var events: [String] { recorded.withLockedValue { $0 } }

    func begin() -> DialogueAction { record("begin") }
    func received(_ bytes: UnsafeRawBufferPointer) -> DialogueAction {
        record("bytes " + String(decoding: bytes, as: UTF8.self))
    }
    func proceed() -> DialogueAction { record("proceed") }
    func tlsStarted(_ outcome: Result<TLSSessionFacts, TransportError>) -> DialogueAction {
        switch outcome {
        case .success(let facts): record(facts.verification.isVerified ? "tls verified" : "tls not verified")
        case .failure(let error): record("tls failed \(error)")
        }
    }
    func ended(_ error: TransportError?) -> DialogueAction {
        record(error.map { "ended \($0)" } ?? "ended")
    }

    private func record(_ event: String) -> DialogueAction {
        recorded.withLockedValue { $0.append(event) }
        return script(event)
    }
}
