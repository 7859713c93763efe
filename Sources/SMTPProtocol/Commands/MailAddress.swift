/// An envelope address (RFC 5321 §4.1.2 Mailbox) checked once, where it enters: `local@domain`, printable ASCII,
/// nothing a server could read as the end of a command or of the path.
///
/// The checks are strict on purpose. A probe sends to addresses its operator wrote; one that does not fit is a
/// configuration error to report, never a reason to send something else.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address as written, without angle brackets.
    public let value: String

    /// Why an address was refused.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// Longer than RFC 5321's 254 octets (or a local part over 64).
        case tooLong
        /// Not one "@" between a non-empty local part and a non-empty domain.
        case notLocalAtDomain
        /// A byte that is not printable ASCII, or one of `<`, `>`, `"`, `\`, space (this byte, as a number).
        case forbiddenByte(UInt8)

        /// One line for a person.
        public var description: String {
            switch self {
            case .tooLong: "longer than 254 octets, or a local part longer than 64"
            case .notLocalAtDomain: "not of the form local-part@domain"
            case .forbiddenByte(let byte): "contains a byte an envelope address cannot carry (0x\(String(byte, radix: 16)))"
            }
        }
    }

    /// The address `text`, or the reason it cannot be one.
    public init(_ text: String) throws(Problem) {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254 else { throw .tooLong }
        for byte in bytes where !(33...126).contains(byte) || Self.forbidden.contains(byte) {
            throw .forbiddenByte(byte)
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1,
            bytes.firstIndex(of: UInt8(ascii: "@")) == at
        else { throw .notLocalAtDomain }
        guard at <= 64 else { throw .tooLong }
        value = text
    }

    /// The address with "+detail" added to its local part (`flow@example.org` → `flow+Junk@example.org`).
    public func withDetail(_ detail: String) throws(Problem) -> MailAddress {
        guard let at = value.lastIndex(of: "@") else { throw .notLocalAtDomain }
        return try MailAddress(value[..<at] + "+" + detail + value[at...])
    }

    /// The address.
    public var description: String { value }

    private static let forbidden: Set<UInt8> = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\\")]
}
