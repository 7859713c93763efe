/// What a submission server announced in its EHLO reply (RFC 5321 §4.1.1.1): the extensions a client chooses by.
public struct ServerExtensions: Hashable, Sendable {
    /// The name the server gave itself on the reply's first line.
    public let serverName: String
    /// Every keyword announced, upper-cased, in order.
    public let keywords: [String]
    /// The SASL mechanisms of AUTH (and of the obsolete "AUTH=" form), upper-cased, in order, without repeats.
    public let authMechanisms: [String]
    /// SIZE's limit in octets (RFC 1870): nil when SIZE was not announced or gave no number, 0 for no limit.
    public let sizeLimit: Int?

    /// ehlo-ok-rsp = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
    ///             / ( "250-" Domain [ SP ehlo-greet ] CRLF *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF )
    /// ehlo-line = ehlo-keyword *( SP ehlo-param )
    ///
    /// Reads the extensions from a 250 reply to EHLO. Lines that are not keyword lines are skipped: a server's
    /// text cannot make the client believe in an extension it did not spell as one.
    public init(ehloReply reply: SMTPReply) {
        serverName = String(reply.lines[0].split(separator: " ", maxSplits: 1).first ?? "")
        var keywords: [String] = [], mechanisms: [String] = [], sizeLimit: Int?
        for line in reply.lines.dropFirst() {
            // The obsolete form "AUTH=PLAIN LOGIN" some servers still send beside "AUTH PLAIN LOGIN".
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = words.first else { continue }
            var keyword = first.uppercased()
            var parameters = words.dropFirst().map { $0.uppercased() }
            if keyword.hasPrefix("AUTH=") {
                parameters.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            guard Self.isKeyword(keyword) else { continue }
            keywords.append(keyword)
            switch keyword {
            case "AUTH":
                for mechanism in parameters where !mechanism.isEmpty && !mechanisms.contains(mechanism) {
                    mechanisms.append(mechanism)
                }
            case "SIZE":
                if let text = parameters.first, text.utf8.count <= 18, let limit = Int(text), limit >= 0 {
                    sizeLimit = limit
                }
            default: break
            }
        }
        self.keywords = keywords
        self.authMechanisms = mechanisms
        self.sizeLimit = sizeLimit
    }

    /// Whether `keyword` (upper case) was announced.
    public func has(_ keyword: String) -> Bool { keywords.contains(keyword) }

    /// STARTTLS (RFC 3207).
    public var offersStartTLS: Bool { has("STARTTLS") }
    /// ENHANCEDSTATUSCODES (RFC 2034).
    public var offersEnhancedStatusCodes: Bool { has("ENHANCEDSTATUSCODES") }
    /// PIPELINING (RFC 2920).
    public var offersPipelining: Bool { has("PIPELINING") }

    /// ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    private static func isKeyword(_ word: String) -> Bool {
        guard let first = word.utf8.first, ASCII.isAlphanumeric(first) else { return false }
        return word.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}
