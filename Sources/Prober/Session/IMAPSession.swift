import IMAPProtocol

/// IMAP over one connection, without I/O: frames and parses the bytes it is given, runs one tagged command at a
/// time, and keeps the redacted transcript. The probe's dialogue feeds it and writes what it returns.
final class IMAPSession {
    /// What a running command needs next.
    enum Progress {
        /// Write these bytes (a literal or SASL answer after a continuation request).
        case send([UInt8])
        /// The tagged response arrived (OK, NO or BAD).
        case complete(CommandOutcome)
    }

    private let transcript: TranscriptRecorder
    private let redactor: SecretRedactor
    private var framer: ResponseFramer
    private let parser = ResponseParser()
    private var tags = TagGenerator()
    private let maxBytesPerCommand: Int
    /// Octets of complete responses read so far.
    private var bytesReadSoFar = 0
    /// The encoder for the capabilities `start` was last given, and those capabilities: a probe's commands mostly
    /// share one list, and building the encoder's set of them for every command showed in profiles.
    private var encoder = CommandEncoder()
    private var encoderCapabilities: [Capability] = []
    /// The command in progress, and the octet count its answer may not pass.
    private var exchange: CommandExchange?
    private var budget = 0

    /// A session whose lines may be at most `maxLineLength` octets and literals at most `maxLiteralSize`; the
    /// answer to one command at most `maxBytesPerCommand` octets in all.
    init(
        transcript: TranscriptRecorder, redactor: SecretRedactor, maxLineLength: Int = FramingOptions().maxLineLength,
        maxLiteralSize: Int, maxBytesPerCommand: Int
    ) {
        self.transcript = transcript
        self.redactor = redactor
        self.maxBytesPerCommand = maxBytesPerCommand
        self.framer = ResponseFramer(
            options: FramingOptions(
                maxLineLength: maxLineLength, maxLiteralSize: maxLiteralSize,
                maxResponseSize: maxLiteralSize + max(65_536, 2 * maxLineLength)))
    }

    /// Bytes received and not yet parsed.
    var unconsumedByteCount: Int { framer.bufferedByteCount }

    /// Takes bytes the server sent.
    func append(_ bytes: UnsafeRawBufferPointer) {
        framer.append(bytes)
    }

    /// The next complete response, parsed; nil until its last byte has arrived.
    func nextResponse() throws(SessionError) -> Response? {
        let frame: [UInt8]?
        do {
            frame = try framer.next()
        } catch {
            throw .malformed(String(describing: error))
        }
        guard let frame else { return nil }
        bytesReadSoFar += frame.count
        transcript.server(redactor.transcriptLine(frame))
        do {
            return try parser.parse(frame)
        } catch {
            throw .malformed("unparsable response (\(error))")
        }
    }

    /// Starts `command` and returns its first bytes to write; `advance()` then takes its responses.
    func start(_ command: Command, capabilities: [Capability]) throws(SessionError) -> [UInt8] {
        let encoded: EncodedCommand
        do {
            if !Self.sameList(capabilities, encoderCapabilities) {
                encoder = CommandEncoder(capabilities: capabilities)
                encoderCapabilities = capabilities
            }
            encoded = try encoder.encode(command, tag: tags.next())
        } catch {
            throw .encoding(String(describing: error))
        }
        var exchange = CommandExchange(tag: encoded.tag, command: encoded)
        budget = bytesReadSoFar + maxBytesPerCommand
        switch exchange.start() {
        case .send(let bytes, let text):
            transcript.client(text)
            self.exchange = exchange
            return bytes
        case .fail(let error):
            throw SessionError(error)
        case .wait, .complete:
            throw .unexpected("the command has nothing to send")
        }
    }

    /// Whether two lists are equal, first by their storage: a probe passes the same array until it learns a new
    /// list, and comparing thirty names for every command showed in profiles.
    private static func sameList(_ a: [Capability], _ b: [Capability]) -> Bool {
        let shared = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in a.count == b.count && a.baseAddress == b.baseAddress }
        }
        return shared || a == b
    }

    /// Gives the running command the responses received so far; nil when it needs more bytes.
    ///
    /// A tagged NO or BAD completes it: the caller knows what it means in its phase.
    func advance() throws(SessionError) -> Progress? {
        // Taken out while it runs: a copy left behind would make each collected response copy the list.
        guard var exchange else { return nil }
        self.exchange = nil
        while true {
            guard let response = try nextResponse() else {
                self.exchange = exchange
                return nil
            }
            guard bytesReadSoFar <= budget else {
                throw .malformed("more than \(maxBytesPerCommand) octets in answer to one command")
            }
            switch exchange.receive(response) {
            case .complete(let outcome):
                return .complete(outcome)
            case .send(let bytes, let text):
                transcript.client(text)
                self.exchange = exchange
                return .send(bytes)
            case .wait:
                continue
            case .fail(let error):
                throw SessionError(error)
            }
        }
    }
}
