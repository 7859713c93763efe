import IMAPProtocol
import Testing

/// One command of a recorded session and the server's bytes in reply (passwords replaced).
struct ScriptedStep {
    var command: Command
    var server: String
}

/// What replaying a recorded session produced.
struct ReplayResult {
    var greeting: Greeting
    var outcomes: [CommandOutcome]
    var clientTranscript: [String]
}

enum ScriptedSession {
    enum ReplayError: Error { case unexpected(String) }

    /// Drives encoder, framer, parser and exchange through a recorded session, delivering the server's bytes in
    /// chunks of `chunkSize`. Every step must complete and leave no bytes behind.
    static func replay(greeting: String, steps: [ScriptedStep], chunkSize: Int) throws -> ReplayResult {
        var framer = ResponseFramer()
        var frames: [[UInt8]] = []
        func deliver(_ text: String) throws {
            let stream = bytes(text)
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + chunkSize)
                framer.append(stream[offset..<end])
                offset = end
                while let frame = try framer.next() { frames.append(frame) }
            }
        }
        try deliver(greeting)
        guard frames.count == 1 else { throw ReplayError.unexpected("greeting frames: \(frames.count)") }
        let parsedGreeting = try Greeting.parse(frames.removeFirst())
        var capabilities = parsedGreeting.capabilities ?? []
        var tags = TagGenerator()
        var outcomes: [CommandOutcome] = []
        var transcript: [String] = []
        for step in steps {
            let tag = tags.next()
            var exchange = CommandExchange(tag: tag, command: try CommandEncoder(capabilities: capabilities).encode(step.command, tag: tag))
            guard case .send(_, let sent) = exchange.start() else { throw ReplayError.unexpected("no send") }
            transcript.append(sent)
            try deliver(step.server)
            var outcome: CommandOutcome?
            for frame in frames {
                switch exchange.receive(try ResponseParser.parse(frame)) {
                case .wait: continue
                case .send(_, let sent): transcript.append(sent)
                case .complete(let done): outcome = done
                case .fail(let error): throw error
                }
            }
            frames.removeAll()
            guard let outcome else { throw ReplayError.unexpected("\(tag) did not complete") }
            #expect(framer.bufferedByteCount == 0)
            for case .capability(let fresh) in outcome.untagged { capabilities = fresh }
            if case .capability(let fresh) = outcome.tagged.status.code { capabilities = fresh }
            outcomes.append(outcome)
        }
        return ReplayResult(greeting: parsedGreeting, outcomes: outcomes, clientTranscript: transcript)
    }
}
