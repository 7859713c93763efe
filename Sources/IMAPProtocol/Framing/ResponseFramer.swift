/// Cuts a server byte stream into complete IMAP responses, each with its CRLF and embedded literals.
///
/// Feed bytes with `append(_:)` as they arrive and take responses with `next()`. Bytes are scanned once, as they
/// are appended, so feeding one byte at a time costs O(n) overall. Limits from `FramingOptions` hold for every
/// byte: the first byte over one stops the framer at once, drops the response in progress, and `next()` throws
/// the error after handing out the responses completed before it.
///
/// Line endings: IMAP requires CRLF. A lone LF is not accepted as a line ending and is not silently kept either:
/// it ends the stream with `FramingError.bareLineFeed`, because guessing where a line ends would let a server
/// (or an attacker on a plaintext connection) make the client see a response boundary the server did not mean.
/// Inside literals every byte, LF included, is data.
public struct ResponseFramer: Sendable {
    /// The limits in force.
    public let options: FramingOptions

    private enum ScanState: Sendable {
        case line
        case literal(remaining: Int)
    }

    private var buffer: [UInt8] = []
    /// Start of the oldest response not yet returned by `next()`.
    private var readIndex = 0
    /// End offsets (exclusive) of complete responses not yet returned, oldest first from `completedHead`.
    private var completedEnds: [Int] = []
    private var completedHead = 0
    private var frameStart = 0
    private var lineStart = 0
    private var state = ScanState.line
    private var failure: FramingError?
    /// Bytes removed from the front of `buffer` so far; turns buffer indices into stream offsets.
    private var discarded = 0

    /// Creates an empty framer.
    public init(options: FramingOptions = FramingOptions()) {
        self.options = options
    }

    /// Bytes received but not yet returned by `next()`, including a response in progress.
    ///
    /// Right after the tagged OK to STARTTLS this must be 0; anything else was sent before the TLS handshake.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds received bytes. After a framing error further bytes are ignored.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        guard failure == nil else { return }
        let chunk = Array(bytes)
        var index = 0
        while index < chunk.count, failure == nil {
            switch state {
            case .literal(let remaining):
                let take = min(remaining, chunk.count - index)
                buffer.append(contentsOf: chunk[index..<(index + take)])
                index += take
                if take == remaining {
                    state = .line
                    lineStart = buffer.count
                } else {
                    state = .literal(remaining: remaining - take)
                }
            case .line:
                index = appendLine(from: chunk, at: index)
            }
        }
    }

    /// Returns the next complete response, `nil` if more bytes are needed, or throws the framing error that
    /// stopped the stream once every response completed before it has been returned.
    public mutating func next() throws(FramingError) -> [UInt8]? {
        guard completedHead < completedEnds.count else {
            if let failure { throw failure }
            return nil
        }
        let end = completedEnds[completedHead]
        completedHead += 1
        let frame = Array(buffer[readIndex..<end])
        readIndex = end
        compact()
        return frame
    }

    /// Appends the bytes of `chunk` from `start` up to and including the next LF (all of them if there is none),
    /// and ends the line at that LF; returns where the next byte to scan is. A byte that puts the line or the
    /// response over its limit is the last one taken, and fails the framer as if bytes came one at a time.
    private mutating func appendLine(from chunk: [UInt8], at start: Int) -> Int {
        let lineFeed = chunk[start...].firstIndex(of: UInt8(ascii: "\n"))
        let runLength = (lineFeed.map { $0 + 1 } ?? chunk.count) - start
        // How many more bytes fit under both limits; the one after them breaks one.
        let room = max(
            0,
            min(options.maxLineLength - (buffer.count - lineStart), options.maxResponseSize - (buffer.count - frameStart)))
        guard room >= runLength else {
            buffer.append(contentsOf: chunk[start...(start + room)])
            failOverLimit()
            return start + room + 1
        }
        buffer.append(contentsOf: chunk[start..<(start + runLength)])
        if lineFeed != nil { endLine() }
        return start + runLength
    }

    /// Fails with the limit the last byte broke: the line's before the response's, as each byte checks them.
    private mutating func failOverLimit() {
        let count = buffer.count
        if count - lineStart > options.maxLineLength {
            fail(.lineTooLong(LineTooLong(limit: options.maxLineLength, observed: count - lineStart)))
        } else {
            fail(.responseTooLarge(ResponseTooLarge(limit: options.maxResponseSize, observed: UInt64(count - frameStart))))
        }
    }

    /// The line just appended ends in LF: a response ends, or a literal starts, or it was a bare LF.
    private mutating func endLine() {
        let count = buffer.count
        guard count - 2 >= lineStart, buffer[count - 2] == UInt8(ascii: "\r") else {
            fail(.bareLineFeed(BareLineFeed(offset: discarded + count - 1)))
            return
        }
        switch LiteralAnnouncement(lineContent: buffer[lineStart..<(count - 2)]) {
        case .none:
            completedEnds.append(count)
            frameStart = count
            lineStart = count
        case .overflow(let digitCount):
            fail(.literalLengthOverflow(LiteralLengthOverflow(digitCount: digitCount)))
        case .length(let announced):
            startLiteral(announced: announced)
        }
    }

    private mutating func startLiteral(announced: UInt64) {
        guard announced <= UInt64(options.maxLiteralSize) else {
            fail(.literalTooLarge(LiteralTooLarge(limit: options.maxLiteralSize, announced: announced)))
            return
        }
        let projected = UInt64(buffer.count - frameStart) + announced
        guard projected <= UInt64(options.maxResponseSize) else {
            fail(.responseTooLarge(ResponseTooLarge(limit: options.maxResponseSize, observed: projected)))
            return
        }
        lineStart = buffer.count
        state = announced == 0 ? .line : .literal(remaining: Int(announced))
    }

    private mutating func fail(_ error: FramingError) {
        failure = error
        buffer.removeSubrange(frameStart...)
        lineStart = frameStart
        state = .line
    }

    /// Drops returned bytes once they are most of the buffer, keeping the total work linear.
    private mutating func compact() {
        if completedHead == completedEnds.count {
            completedEnds.removeAll(keepingCapacity: true)
            completedHead = 0
        }
        guard readIndex > 0, readIndex == buffer.count || (readIndex >= 4096 && readIndex * 2 >= buffer.count) else {
            return
        }
        let shift = readIndex
        buffer.removeSubrange(..<shift)
        discarded += shift
        readIndex = 0
        frameStart -= shift
        lineStart -= shift
        for position in completedHead..<completedEnds.count { completedEnds[position] -= shift }
    }
}
