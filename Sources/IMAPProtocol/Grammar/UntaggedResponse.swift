/// An untagged server response (`* ...`). Responses this client does not interpret are kept as `.other`, never
/// rejected: LIST, STATUS, ID, ESEARCH, ENABLED, VANISHED and vendor extensions all arrive that way.
public enum UntaggedResponse: Hashable, Sendable {
    /// `* OK/NO/BAD/PREAUTH/BYE ...`.
    case condition(StatusResponse)
    /// `* CAPABILITY ...`.
    case capability([Capability])
    /// `* n EXISTS`.
    case exists(Int)
    /// `* n RECENT` (IMAP4rev1 only).
    case recent(Int)
    /// `* n EXPUNGE`.
    case expunge(Int)
    /// `* FLAGS (...)`.
    case flags([String])
    /// `* n FETCH (...)`.
    case fetch(sequence: Int, [FetchAttribute])
    /// `* QUOTA root (...)`.
    case quota(Quota)
    /// `* QUOTAROOT mailbox root...`.
    case quotaRoot(mailbox: String, roots: [String])
    /// `* SEARCH n…`: the numbers (UIDs after UID SEARCH) of the matching messages, possibly none.
    case search([Int])
    /// Anything else: the upper-cased response name and everything after `* ` without the final CRLF.
    case other(name: String, raw: String)
}

extension UntaggedResponse {
    // response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data / message-data / capability-data /
    //                 enable-data / quota-response / quotaroot-response) CRLF
    // mailbox-data  = "FLAGS" SP flag-list / number SP "EXISTS" / number SP "RECENT" / ...
    // message-data  = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))
    static func parse(from cursor: inout ByteCursor) throws(ParseError) -> UntaggedResponse {
        try cursor.expect(UInt8(ascii: "*"), "*")
        try cursor.expectSpace()
        let rawStart = cursor.index
        let response: UntaggedResponse
        if let byte = cursor.current, ASCII.isDigit(byte) {
            let number = Int(try cursor.number(UInt32.self))
            try cursor.expectSpace()
            let name = try cursor.atom().uppercased()
            switch name {
            case "EXISTS": response = .exists(number)
            case "RECENT": response = .recent(number)
            case "EXPUNGE": response = .expunge(number)
            case "FETCH":
                try cursor.expectSpace()
                response = .fetch(sequence: number, try FetchAttribute.parseList(from: &cursor))
            default: response = try other(name: name, rawStart: rawStart, from: &cursor)
            }
        } else {
            let name = try cursor.atom().uppercased()
            if let condition = StatusCondition(keyword: name) {
                response = .condition(try StatusResponse.parse(condition: condition, from: &cursor))
            } else {
                switch name {
                case "CAPABILITY": response = .capability(try Capability.parseList(from: &cursor))
                case "FLAGS":
                    try cursor.expectSpace()
                    response = .flags(try Flag.parseList(from: &cursor))
                case "QUOTA": response = .quota(try Quota.parse(from: &cursor))
                case "SEARCH": response = .search(try Self.searchNumbers(from: &cursor))
                case "QUOTAROOT":
                    let root = try QuotaRoot.parse(from: &cursor)
                    response = .quotaRoot(mailbox: root.mailbox, roots: root.roots)
                default: response = try other(name: name, rawStart: rawStart, from: &cursor)
                }
            }
        }
        try cursor.expectEnd()
        return response
    }

    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]   (RFC 3501, 7162)
    private static func searchNumbers(from cursor: inout ByteCursor) throws(ParseError) -> [Int] {
        var numbers: [Int] = []
        while cursor.skip(UInt8(ascii: " ")) {
            // CONDSTORE's "(MODSEQ n)" closes the list; a probe does not use it.
            if cursor.current == UInt8(ascii: "(") {
                _ = cursor.restOfLine()
                break
            }
            numbers.append(Int(try cursor.nonZeroNumber(UInt32.self)))
        }
        return numbers
    }

    /// Takes the rest of the frame verbatim (it may hold literals) up to the final CRLF.
    private static func other(name: String, rawStart: Int, from cursor: inout ByteCursor) throws(ParseError) -> UntaggedResponse {
        let end = cursor.bytes.count - 2
        guard end >= cursor.index else { throw cursor.unexpected("CRLF") }
        cursor.index = end
        return .other(name: name, raw: String(decoding: cursor.bytes[rawStart..<end], as: UTF8.self))
    }
}
