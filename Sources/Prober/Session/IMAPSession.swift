import IMAPProtocol
import Transport

/// IMAP over one transport connection: frames and parses responses, runs tagged commands, and keeps the
/// redacted transcript. Owned by one probe task; not shared.
final class IMAPSession {
    private let connection: TransportConnection
    private let transcript: TranscriptRecorder
    private let redactor: SecretRedactor
    private var framer: ResponseFramer
    private let parser = ResponseParser()
    private var tags = TagGenerator()
    private let maxBytesPerCommand: Int
    /// Octets of complete responses read so far.
    private var bytesReadSoFar = 0
    /// The encoder for the capabilities `run` was last given, and those capabilities: a probe's commands mostly
    /// share one list, and building the encoder's set of them for every command showed in profiles.
    private var encoder = CommandEncoder()
    private var encoderCapabilities: [Capability] = []

    /// A session whose literals may be at most `maxLiteralSize` octets; the answer to one command at most
    /// `maxBytesPerCommand` octets in all.
    init(
        connection: TransportConnection, transcript: TranscriptRecorder, redactor: SecretRedactor, maxLiteralSize: Int,
        maxBytesPerCommand: Int
    ) {
        self.connection = connection
        self.transcript = transcript
        self.redactor = redactor
        self.maxBytesPerCommand = maxBytesPerCommand
        self.framer = ResponseFramer(
            options: FramingOptions(maxLiteralSize: maxLiteralSize, maxResponseSize: maxLiteralSize + 65_536))
    }

    /// Bytes received and not yet parsed, in the framer and in the transport.
    var unconsumedByteCount: Int { framer.bufferedByteCount + connection.bufferedByteCount }

    /// Reads and parses the next complete response.
    func readResponse() async throws(SessionError) -> Response {
        while true {
            let frame: [UInt8]?
            do {
                frame = try framer.next()
            } catch {
                throw .malformed(String(describing: error))
            }
            if let frame {
                bytesReadSoFar += frame.count
                transcript.server(redactor.transcriptLine(frame))
                do {
                    return try parser.parse(frame)
                } catch {
                    throw .malformed("unparsable response (\(error))")
                }
            }
            let chunk: [UInt8]?
            do {
                chunk = try await connection.read()
            } catch {
                throw .transport(error)
            }
            guard let chunk else { throw .closed }
            framer.append(chunk)
        }
    }

    /// Sends `command` and collects responses until its tagged completion.
    ///
    /// A tagged NO or BAD is returned, not thrown: the caller knows what it means in its phase.
    func run(_ command: Command, capabilities: [Capability]) async throws(SessionError) -> CommandOutcome {
        let encoded: EncodedCommand
        do {
            if capabilities != encoderCapabilities {
                encoder = CommandEncoder(capabilities: capabilities)
                encoderCapabilities = capabilities
            }
            encoded = try encoder.encode(command, tag: tags.next())
        } catch {
            throw .encoding(String(describing: error))
        }
        var exchange = CommandExchange(tag: encoded.tag, command: encoded)
        let budget = bytesReadSoFar + maxBytesPerCommand
        var action = exchange.start()
        while true {
            switch action {
            case .send(let bytes, let text):
                transcript.client(text)
                do {
                    try await connection.write(bytes)
                } catch {
                    throw .transport(error)
                }
                action = exchange.receive(try await readResponse())
                guard bytesReadSoFar <= budget else {
                    throw .malformed("more than \(maxBytesPerCommand) octets in answer to one command")
                }
            case .wait:
                action = exchange.receive(try await readResponse())
                guard bytesReadSoFar <= budget else {
                    throw .malformed("more than \(maxBytesPerCommand) octets in answer to one command")
                }
            case .complete(let outcome):
                return outcome
            case .fail(let error):
                throw SessionError(error)
            }
        }
    }
}
