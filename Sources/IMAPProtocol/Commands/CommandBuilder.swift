/// Accumulates a command's bytes and transcript, splitting parts at synchronizing literals.
struct CommandBuilder {
    private(set) var parts: [EncodedCommand.Part] = []
    private var bytes: [UInt8] = []
    private var partTranscript = ""
    private(set) var transcript = ""

    mutating func append(_ text: String) {
        bytes += Array(text.utf8)
        partTranscript += text
        transcript += text
    }

    /// Appends wire bytes shown as `shown` in both transcripts.
    mutating func append(bytes wire: [UInt8], shown: String) {
        bytes += wire
        partTranscript += shown
        transcript += shown
    }

    /// Appends a literal; a synchronizing one ends the current part. A secret's announcement and content are
    /// shown as `<redacted>` (its length is a hint too).
    mutating func appendLiteral(_ content: [UInt8], synchronizing: Bool, secret: Bool) {
        let announcement = "{\(content.count)\(synchronizing ? "" : "+")}"
        bytes += Array(announcement.utf8) + [13, 10]
        let shownAnnouncement = secret ? "<redacted>" : announcement
        partTranscript += shownAnnouncement
        transcript += shownAnnouncement
        if synchronizing { closePart() }
        bytes += content
        if secret {
            if synchronizing { partTranscript += "<redacted>" }
        } else {
            let shown = ResponseTranscript.escape(content[...])
            partTranscript += (synchronizing ? "" : " ") + shown
            transcript += " " + shown
        }
    }

    /// Ends the command with CRLF and returns its parts.
    mutating func finish() -> [EncodedCommand.Part] {
        bytes += [13, 10]
        closePart()
        return parts
    }

    private mutating func closePart() {
        parts.append(EncodedCommand.Part(bytes: bytes, transcript: partTranscript))
        bytes = []
        partTranscript = ""
    }
}
