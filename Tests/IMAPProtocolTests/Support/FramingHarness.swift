import IMAPProtocol
import Testing

/// The bytes of an ASCII/UTF-8 string.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// What a framer produced from a byte stream.
struct FramingResult: Equatable, CustomStringConvertible {
    var frames: [[UInt8]]
    var error: FramingError?
    var buffered: Int

    var description: String {
        "frames: \(frames.map { String(decoding: $0, as: UTF8.self) }), error: \(String(describing: error)), buffered: \(buffered)"
    }
}

enum FramingHarness {
    /// Feeds `chunks` one after another, draining complete frames after each chunk.
    static func run(_ chunks: [ArraySlice<UInt8>], options: FramingOptions = FramingOptions()) -> FramingResult {
        var framer = ResponseFramer(options: options)
        var result = FramingResult(frames: [], error: nil, buffered: 0)
        for chunk in chunks {
            framer.append(chunk)
            do {
                while let frame = try framer.next() { result.frames.append(frame) }
            } catch {
                result.error = error
                break
            }
        }
        result.buffered = framer.bufferedByteCount
        return result
    }

    /// The ways a fixture is fed: whole, one byte at a time, and split in two at every position.
    static func chunkings(of input: [UInt8]) -> [(String, [ArraySlice<UInt8>])] {
        var ways: [(String, [ArraySlice<UInt8>])] = [("whole", [input[...]])]
        ways.append(("byte by byte", input.indices.map { input[$0...$0] }))
        for split in 1..<max(1, input.count) {
            ways.append(("split at \(split)", [input[..<split], input[split...]]))
        }
        return ways
    }

    /// Feeds `input` every way and expects the same result each time; returns the result of feeding it whole.
    @discardableResult
    static func runEveryWay(_ input: [UInt8], options: FramingOptions = FramingOptions(),
                            sourceLocation: SourceLocation = #_sourceLocation) -> FramingResult {
        let whole = run([input[...]], options: options)
        for (name, chunks) in chunkings(of: input) {
            let result = run(chunks, options: options)
            #expect(result == whole, "fed \(name)", sourceLocation: sourceLocation)
        }
        return whole
    }

    /// Frames and parses `input` fed every way; each way must give the same responses.
    static func parseEveryWay(_ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [Response] {
        let result = runEveryWay(input, sourceLocation: sourceLocation)
        #expect(result.error == nil, sourceLocation: sourceLocation)
        #expect(result.buffered == 0, "bytes left over: \(result.buffered)", sourceLocation: sourceLocation)
        return try result.frames.map { frame throws(ParseError) in try ResponseParser.parse(frame) }
    }
}
