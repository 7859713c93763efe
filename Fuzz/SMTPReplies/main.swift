import FuzzDriver
import SMTPProtocol

// A submission server's byte stream through the reply framer, the EHLO reader and the enhanced status codes.
//
// Properties beyond "no trap":
// - the replies and the final error do not depend on how the bytes arrive: all at once and in three pieces cut
//   where the input picks give the same result;
// - every reply has 1 to maxLines lines, each within the line limit (three times it once invalid UTF-8 became
//   U+FFFD, three bytes for each byte it replaces at most); with no reply and no error, every byte is buffered;
// - reading a reply's extensions and status code never fails, and the mechanisms it finds are announced keywords'
//   parameters, upper-cased and without repeats.

/// Limits small enough that fuzz inputs (at most a few KiB) reach them.
let options = ReplyFramingOptions(maxLineLength: 256, maxLines: 8)

func frame(_ chunks: [ArraySlice<UInt8>]) -> (replies: [SMTPReply], error: ReplyFramingError?, buffered: Int) {
    var framer = ReplyFramer(options: options)
    var replies: [SMTPReply] = []
    for chunk in chunks {
        framer.append(chunk)
        do {
            while let reply = try framer.next() { replies.append(reply) }
        } catch {
            return (replies, error, framer.bufferedByteCount)
        }
    }
    return (replies, nil, framer.bufferedByteCount)
}

FuzzDriver.main { bytes in
    let cuts = StreamCuts(bytes)
    let whole = frame([bytes[...]])
    let pieces = frame(cuts.pieces)
    FuzzDriver.require(
        whole.replies == pieces.replies && whole.error == pieces.error,
        "cut at \(cuts.points): \(pieces.replies.count) replies, error \(String(describing: pieces.error)); whole: "
            + "\(whole.replies.count) replies, error \(String(describing: whole.error))")
    for reply in whole.replies {
        FuzzDriver.require((1...options.maxLines).contains(reply.lines.count), "\(reply.lines.count) lines")
        for line in reply.lines {
            FuzzDriver.require(line.utf8.count <= 3 * options.maxLineLength, "a line of \(line.utf8.count) bytes")
        }
        let extensions = ServerExtensions(ehloReply: reply)
        for mechanism in extensions.authMechanisms {
            FuzzDriver.require(mechanism == mechanism.uppercased() && !mechanism.isEmpty, "mechanism \(mechanism)")
        }
        FuzzDriver.require(Set(extensions.authMechanisms).count == extensions.authMechanisms.count, "repeats")
        _ = reply.enhancedStatus
    }
    if whole.error == nil, whole.replies.isEmpty {
        FuzzDriver.require(whole.buffered == bytes.count, "\(whole.buffered) buffered of \(bytes.count)")
    }
}
