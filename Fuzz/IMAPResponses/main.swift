import FuzzDriver
import IMAPProtocol

// A server byte stream through the framer, the parser and the transcript renderer.
//
// Properties beyond "no trap":
// - the frames and the final framing error do not depend on how the bytes arrive: all at once and in three
//   pieces cut where the input picks give the same result;
// - the frames are the stream's bytes in order, each ending in CRLF, and what is left is `bufferedByteCount`;
// - the parser gives a response or a ParseError inside the frame, under the default nesting limit and a small one;
// - a transcript line is at most its limit (plus `…`) and holds nothing `isDisplayable` refuses (controls,
//   bidirectional overrides), whatever the server sent.

/// Limits small enough that fuzz inputs (at most a few KiB) reach every one of them.
let options = FramingOptions(maxLineLength: 1024, maxLiteralSize: 1024, maxResponseSize: 2048)
let parsers = [ResponseParser(), ResponseParser(options: ParserOptions(maxNestingDepth: 3))]

/// The frames `chunks` make, the error that ended them (if any), and the bytes left in the framer.
func frame(_ chunks: [ArraySlice<UInt8>]) -> (frames: [[UInt8]], error: FramingError?, buffered: Int) {
    var framer = ResponseFramer(options: options)
    var frames: [[UInt8]] = []
    for chunk in chunks {
        framer.append(chunk)
        do {
            while let frame = try framer.next() { frames.append(frame) }
        } catch {
            return (frames, error, framer.bufferedByteCount)
        }
    }
    return (frames, nil, framer.bufferedByteCount)
}

FuzzDriver.main { bytes in
    let cuts = StreamCuts(bytes)
    let whole = frame([bytes[...]])
    let pieces = frame(cuts.pieces)
    FuzzDriver.require(
        whole.frames == pieces.frames && whole.error == pieces.error,
        "cut at \(cuts.points): \(pieces.frames.count) frames, error \(String(describing: pieces.error)); whole: "
            + "\(whole.frames.count) frames, error \(String(describing: whole.error))")

    let framed = whole.frames.joined()
    FuzzDriver.require(bytes.starts(with: framed), "the frames are not the stream's first bytes")
    if whole.error == nil {
        FuzzDriver.require(
            framed.count + whole.buffered == bytes.count,
            "\(framed.count) bytes framed and \(whole.buffered) buffered of \(bytes.count)")
    }
    for frame in whole.frames {
        FuzzDriver.require(frame.count >= 2 && frame.suffix(2) == [13, 10], "a frame does not end in CRLF")
        for parser in parsers {
            do throws(ParseError) {
                _ = try parser.parse(frame)
            } catch {
                FuzzDriver.require(
                    (0...frame.count).contains(error.offset),
                    "parse error offset \(error.offset) in \(frame.count) bytes")
            }
        }
        let line = ResponseTranscript.render(frame, maxLength: 80)
        FuzzDriver.require(line.count <= 81, "a transcript line of \(line.count) characters")
        FuzzDriver.require(
            line.unicodeScalars.allSatisfy(\.isDisplayable),
            "a control character or a bidirectional override in the transcript line \(line.debugDescription)")
    }
}
