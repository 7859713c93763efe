/// The bracketed code of a status response (`[READ-ONLY]`, `[UIDVALIDITY 1700000000]`, ...).
///
/// Codes this client does not know are kept as `.other` rather than rejected.
public enum ResponseCode: Hashable, Sendable {
    /// The text must be shown to the user.
    case alert
    /// The charset of a SEARCH is not supported; lists the supported ones.
    case badCharset([String])
    /// The server's capabilities, sent unasked.
    case capability([Capability])
    /// The server could not parse a message's headers.
    case parse
    /// Flags the client can change permanently (`\*` means new keywords may be created).
    case permanentFlags([String])
    /// The mailbox is selected read-only.
    case readOnly
    /// The mailbox is selected read-write.
    case readWrite
    /// The target mailbox does not exist but can be created.
    case tryCreate
    /// The next UID the mailbox will assign.
    case uidNext(UInt32)
    /// The mailbox's UID validity.
    case uidValidity(UInt32)
    /// The first unseen message's sequence number.
    case unseen(Int)
    /// RFC 7162: the highest mod-sequence of the mailbox.
    case highestModSeq(UInt64)
    /// RFC 5530: credentials were wrong.
    case authenticationFailed
    /// RFC 5530: the credentials are fine but may not act as the requested identity.
    case authorizationFailed
    /// RFC 5530: the operation needs TLS (or another privacy layer).
    case privacyRequired
    /// RFC 5530: a subsystem is temporarily down.
    case unavailable
    /// RFC 9208: the operation would exceed a quota.
    case overQuota
    /// RFC 5530: the mailbox does not exist.
    case nonExistent
    /// RFC 5530: a server limit was hit.
    case limit
    /// RFC 5530: the credentials have expired.
    case expired
    /// Anything else, with its upper-cased name and the text up to `]` (empty if none).
    case other(name: String, text: String)
}

extension ResponseCode {
    // resp-text-code = "ALERT" / "BADCHARSET" [SP "(" charset *(SP charset) ")" ] / capability-data /
    //                  "PARSE" / "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" / "READ-ONLY" /
    //                  "READ-WRITE" / "TRYCREATE" / "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number /
    //                  "UNSEEN" SP nz-number / "HIGHESTMODSEQ" SP mod-sequence-value / "AUTHENTICATIONFAILED" /
    //                  "AUTHORIZATIONFAILED" / "PRIVACYREQUIRED" / "UNAVAILABLE" / "OVERQUOTA" / "NONEXISTENT" /
    //                  "LIMIT" / "EXPIRED" / atom [SP 1*<any TEXT-CHAR except "]">]
    /// Reads `"[" resp-text-code "]"`. Numbers are parsed leniently (zero accepted) but overflow is an error.
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> ResponseCode {
        try cursor.expect(UInt8(ascii: "["), "[")
        let name = try cursor.atom().uppercased()
        let code: ResponseCode
        switch name {
        case "CAPABILITY":
            code = .capability(try Capability.parseList(from: &cursor))
        case "PERMANENTFLAGS":
            try cursor.expectSpace()
            code = .permanentFlags(try Flag.parseList(from: &cursor))
        case "UIDNEXT":
            try cursor.expectSpace()
            code = .uidNext(try cursor.number())
        case "UIDVALIDITY":
            try cursor.expectSpace()
            code = .uidValidity(try cursor.number())
        case "UNSEEN":
            try cursor.expectSpace()
            code = .unseen(Int(try cursor.number(UInt32.self)))
        case "HIGHESTMODSEQ":
            try cursor.expectSpace()
            code = .highestModSeq(try cursor.number())
        case "BADCHARSET" where cursor.current == UInt8(ascii: " "):
            try cursor.expectSpace()
            code = .badCharset(try parseCharsets(from: &cursor))
        default:
            // A known argument-less code followed by text (`[ALERT now]`) is kept as `.other` so nothing is lost.
            if let simple = simpleCode(name), cursor.current == UInt8(ascii: "]") {
                code = simple
            } else {
                code = .other(name: name, text: otherText(from: &cursor))
            }
        }
        try cursor.expect(UInt8(ascii: "]"), "]")
        return code
    }

    private static func simpleCode(_ name: String) -> ResponseCode? {
        switch name {
        case "ALERT": .alert
        case "BADCHARSET": .badCharset([])
        case "PARSE": .parse
        case "READ-ONLY": .readOnly
        case "READ-WRITE": .readWrite
        case "TRYCREATE": .tryCreate
        case "AUTHENTICATIONFAILED": .authenticationFailed
        case "AUTHORIZATIONFAILED": .authorizationFailed
        case "PRIVACYREQUIRED": .privacyRequired
        case "UNAVAILABLE": .unavailable
        case "OVERQUOTA": .overQuota
        case "NONEXISTENT": .nonExistent
        case "LIMIT": .limit
        case "EXPIRED": .expired
        default: nil
        }
    }

    private static func otherText(from cursor: inout ByteCursor) -> String {
        _ = cursor.skip(UInt8(ascii: " "))
        let start = cursor.index
        while let byte = cursor.current, byte != UInt8(ascii: "]"), byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "\n") {
            cursor.index += 1
        }
        return String(decoding: cursor.bytes[start..<cursor.index], as: UTF8.self)
    }

    private static func parseCharsets(from cursor: inout ByteCursor) throws(ParseError) -> [String] {
        try cursor.expect(UInt8(ascii: "("), "(")
        var charsets: [String] = []
        while !cursor.skip(UInt8(ascii: ")")) {
            if !charsets.isEmpty { try cursor.expectSpace() }
            charsets.append(try cursor.astringText())
        }
        return charsets
    }
}
