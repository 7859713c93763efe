/// Cuts a server's byte stream into complete SMTP replies.
///
/// Feed bytes with `append(_:)` as they arrive and take replies with `next()`. Every limit holds as bytes arrive:
/// the first byte over one stops the framer, and `next()` throws the error after handing out the replies completed
/// before it. A line must end with CRLF: a lone LF ends the stream with `.bareLineFeed` rather than letting a server
/// (or someone on a plaintext connection) make a reply boundary the server did not mean.
public struct ReplyFramer: Sendable {
    /// The limits in force.
    public let options: ReplyFramingOptions

    /// Bytes of the line in progress.
    private var line: [UInt8] = []
    /// The reply in progress: its code and lines so far, and how many bytes they took.
    private var code: ReplyCode?
    private var lines: [String] = []
    private var replyBytes = 0
    /// Completed replies not yet taken, oldest first from `head`, and their bytes.
    private var completed: [SMTPReply] = []
    private var head = 0
    private var completedBytes: [Int] = []
    private var failure: ReplyFramingError?
    /// Bytes appended so far: the stream offset of the next byte.
    private var offset = 0

    /// Creates an empty framer.
    public init(options: ReplyFramingOptions = ReplyFramingOptions()) {
        self.options = options
    }

    /// Bytes received but not yet returned by `next()`, a reply in progress included.
    ///
    /// Right after the 220 answering STARTTLS this must be 0; anything else was sent before the TLS handshake and
    /// must not be read as if it came through it.
    public var bufferedByteCount: Int {
        line.count + replyBytes + completedBytes[head...].reduce(0, +)
    }

    /// Adds received bytes. After a framing error further bytes are ignored.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            guard failure == nil else { return }
            offset += 1
            if byte == 10 {
                guard line.last == 13 else {
                    failure = .bareLineFeed(offset: offset - 1)
                    return
                }
                line.removeLast()
                endLine()
                continue
            }
            line.append(byte)
            // The CRLF counts: a line of maxLineLength bytes with its CRLF is the longest accepted.
            if line.count + 1 > options.maxLineLength {
                failure = .lineTooLong(limit: options.maxLineLength)
            }
        }
    }

    /// The next complete reply, or nil until one is complete; throws once the stream broke a rule, after the
    /// replies completed before that.
    public mutating func next() throws(ReplyFramingError) -> SMTPReply? {
        if head < completed.count {
            let reply = completed[head]
            head += 1
            if head == completed.count {
                completed.removeAll(keepingCapacity: true)
                completedBytes.removeAll(keepingCapacity: true)
                head = 0
            }
            return reply
        }
        if let failure { throw failure }
        return nil
    }

    /// Reads the line just ended (its CRLF removed) into the reply in progress.
    private mutating func endLine() {
        let length = line.count + 2
        defer { line.removeAll(keepingCapacity: true) }
        // Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
        guard line.count >= 3, let lineCode = ReplyCode(digits: line[0..<3]),
            line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-")
        else {
            failure = .malformedLine(excerpt: Self.excerpt(line))
            return
        }
        if let code, code != lineCode {
            failure = .codeMismatch(expected: code, found: lineCode)
            return
        }
        guard lines.count < options.maxLines else {
            failure = .tooManyLines(limit: options.maxLines)
            return
        }
        code = lineCode
        lines.append(String(decoding: line.dropFirst(4), as: UTF8.self))
        replyBytes += length
        guard line.count == 3 || line[3] == UInt8(ascii: " ") else { return }
        completed.append(SMTPReply(code: lineCode, lines: lines))
        completedBytes.append(replyBytes)
        code = nil
        lines = []
        replyBytes = 0
    }

    /// The first 40 bytes of `line`, printable ASCII kept and every other byte as "?".
    private static func excerpt(_ line: [UInt8]) -> String {
        String(decoding: line.prefix(40).map { (32...126).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
