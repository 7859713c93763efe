extension CommandEncoder {
    // mailbox = "INBOX" / astring     ; INBOX is case-insensitive
    /// Appends a mailbox name: `INBOX` in any case as the atom `INBOX`; otherwise in modified UTF-7 (non-ASCII
    /// as `&...-`, `&` as `&-`) unless UTF-8 is enabled.
    func appendMailbox(_ name: String, to builder: inout CommandBuilder) throws(EncodingError) {
        if name.uppercased() == "INBOX" {
            builder.append("INBOX")
            return
        }
        let wire = utf8Enabled ? name : ModifiedUTF7.encode(name)
        try appendString(Array(wire.utf8), secret: false, to: &builder)
    }

    // astring = 1*ASTRING-CHAR / string
    // quoted  = DQUOTE *QUOTED-CHAR DQUOTE
    // literal = "{" number64 ["+"] "}" CRLF *CHAR8
    /// Appends a string quoted when safe, else as a literal; a secret is shown as `<redacted>`.
    func appendString(_ bytes: [UInt8], secret: Bool, to builder: inout CommandBuilder) throws(EncodingError) {
        guard !bytes.contains(0) else { throw .nulInString }
        if canQuote(bytes) {
            var wire: [UInt8] = [UInt8(ascii: "\"")]
            for byte in bytes {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { wire.append(UInt8(ascii: "\\")) }
                wire.append(byte)
            }
            wire.append(UInt8(ascii: "\""))
            builder.append(bytes: wire, shown: secret ? "<redacted>" : ResponseTranscript.escape(wire[...]))
        } else {
            builder.appendLiteral(bytes, synchronizing: !allowsNonSynchronizingLiteral(of: bytes.count), secret: secret)
        }
    }

    /// Whether a quoted string can carry these bytes: no CR or LF, and 7-bit unless UTF-8 is enabled.
    func canQuote(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { byte in
            byte != 13 && byte != 10 && (byte < 0x80 || utf8Enabled)
        }
    }

    /// LITERAL+ allows any size; LITERAL- up to 4096 octets (RFC 7888).
    func allowsNonSynchronizingLiteral(of count: Int) -> Bool {
        literalPlus || (literalMinus && count <= 4096)
    }
}
