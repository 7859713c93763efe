import SASLEncoding

/// Turns a `Command` into bytes for one server, choosing quoted strings or literals from its capabilities.
///
/// Strings are quoted when they hold no CR, LF or NUL and are 7-bit (8-bit UTF-8 too once `utf8Enabled`);
/// otherwise they go as literals: non-synchronizing with LITERAL+ (or LITERAL- up to 4096 octets), else
/// synchronizing, which splits the command into parts sent after continuation requests.
public struct CommandEncoder: Hashable, Sendable {
    /// Whether the server takes AUTHENTICATE's initial response on the command line (SASL-IR).
    public var initialResponseAllowed: Bool
    /// Whether the server takes non-synchronizing literals of any size (LITERAL+).
    public var literalPlus: Bool
    /// Whether the server takes non-synchronizing literals of up to 4096 octets (LITERAL-).
    public var literalMinus: Bool
    /// Whether UTF-8 may be sent in quoted strings and mailbox names: true only after `ENABLE UTF8=ACCEPT`
    /// or `ENABLE IMAP4rev2` succeeded, or when the server is IMAP4rev2 without IMAP4rev1.
    public var utf8Enabled: Bool

    /// Creates an encoder for a server with these capabilities; it keeps only the few that change encoding
    /// (hashing a server's whole list into a set, for every list a probe learns, showed in profiles). An array, not
    /// any sequence: called from another module, a generic list was walked through unspecialized witnesses, and
    /// each name was compared through `Capability`'s lazily made constants (27 k instructions a probe).
    public init(capabilities: [Capability] = [], utf8Enabled: Bool? = nil) {
        var initialResponse = false, plus = false, minus = false, rev1 = false, rev2 = false
        for capability in capabilities {
            // A capability's name is upper-cased. The five that matter are 7 to 9 octets long; a length is free
            // to read, a comparison is not.
            let name = capability.rawValue
            switch name.utf8.count {
            case 7: if name == "SASL-IR" { initialResponse = true }
            case 8:
                if name == "LITERAL+" { plus = true } else if name == "LITERAL-" { minus = true }
            case 9:
                if name == "IMAP4REV1" { rev1 = true } else if name == "IMAP4REV2" { rev2 = true }
            default: continue
            }
        }
        self.initialResponseAllowed = initialResponse
        self.literalPlus = plus
        self.literalMinus = minus
        self.utf8Enabled = utf8Enabled ?? (rev2 && !rev1)
    }

    /// Encodes `command` with `tag` (from `TagGenerator`).
    public func encode(_ command: Command, tag: String) throws(EncodingError) -> EncodedCommand {
        guard !tag.isEmpty, tag.utf8.allSatisfy(ASCII.isTagChar) else { throw .invalidTag(tag) }
        var builder = CommandBuilder()
        builder.append(tag + " ")
        var pendingSASLResponse: EncodedCommand.Part?
        var saslChallengeAnswer = EncodedCommand.Part(bytes: [13, 10], transcript: "<redacted>")
        switch command {
        case .capability: builder.append("CAPABILITY")
        case .noop: builder.append("NOOP")
        case .starttls: builder.append("STARTTLS")
        case .logout: builder.append("LOGOUT")
        case .login(let username, let password):
            builder.append("LOGIN ")
            try appendString(Array(username.utf8), secret: false, to: &builder)
            builder.append(" ")
            try appendString(Array(password.utf8), secret: true, to: &builder)
        case .authenticate(let mechanism, let initialResponse):
            guard !mechanism.isEmpty, mechanism.utf8.allSatisfy(ASCII.isAtomChar) else {
                throw .invalidMechanism(mechanism)
            }
            builder.append("AUTHENTICATE " + mechanism.uppercased())
            let acknowledgement = SASL.errorAcknowledgement(mechanism: mechanism)
            if !acknowledgement.isEmpty {
                saslChallengeAnswer.bytes = Array(Base64.encode(acknowledgement).utf8) + [13, 10]
            }
            if let initialResponse {
                let encoded = initialResponse.isEmpty ? "=" : Base64.encode(initialResponse)
                if initialResponseAllowed {
                    builder.append(bytes: Array((" " + encoded).utf8), shown: " <redacted>")
                } else {
                    let line = initialResponse.isEmpty ? [] : Array(encoded.utf8)
                    pendingSASLResponse = EncodedCommand.Part(bytes: line + [13, 10], transcript: "<redacted>")
                }
            }
        case .examine(let mailbox):
            builder.append("EXAMINE ")
            try appendMailbox(mailbox, to: &builder)
        case .select(let mailbox):
            builder.append("SELECT ")
            try appendMailbox(mailbox, to: &builder)
        case .fetch(let sequence, let partialOctets):
            for number in [sequence, partialOctets] where number < 1 || number > Int(UInt32.max) {
                throw .numberOutOfRange(number)
            }
            builder.append("FETCH \(sequence) (RFC822.SIZE BODY.PEEK[]<0.\(partialOctets)>)")
        case .getQuotaRoot(let mailbox):
            builder.append("GETQUOTAROOT ")
            try appendMailbox(mailbox, to: &builder)
        case .uidSearchHeader(let name, let value):
            builder.append("UID SEARCH HEADER \(try Self.headerName(name)) ")
            try appendString(Array(value.utf8), secret: false, to: &builder)
        case .uidStoreDeleted(let uids):
            builder.append("UID STORE \(try Self.uidSet(uids)) +FLAGS.SILENT (\\Deleted)")
        case .uidExpunge(let uids):
            builder.append("UID EXPUNGE \(try Self.uidSet(uids))")
        case .uidFetchDateAndHeader(let uids, let name):
            builder.append("UID FETCH \(try Self.uidSet(uids)) (INTERNALDATE BODY.PEEK[HEADER.FIELDS (\(try Self.headerName(name)))])")
        }
        let parts = builder.finish()
        return EncodedCommand(
            tag: tag,
            sendParts: parts,
            transcript: builder.transcript,
            pendingSASLResponse: pendingSASLResponse,
            saslChallengeAnswer: saslChallengeAnswer,
            isAuthenticate: { if case .authenticate = command { true } else { false } }(),
            isLogout: command == .logout
        )
    }

    /// sequence-set of UIDs, "7,9,12": at least one, each 1 to 2³²−1 (a probe names the messages it found).
    /// A header field name as an atom: header-fld-name is an astring, and an atom is enough for the names a probe
    /// asks for, and keeps it one word.
    static func headerName(_ name: String) throws(EncodingError) -> String {
        guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isAtomChar) else { throw .invalidHeaderName(name) }
        return name
    }

    static func uidSet(_ uids: [Int]) throws(EncodingError) -> String {
        guard !uids.isEmpty else { throw .emptySet }
        for uid in uids where uid < 1 || uid > Int(UInt32.max) { throw .numberOutOfRange(uid) }
        return uids.map(String.init).joined(separator: ",")
    }
}
