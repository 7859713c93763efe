/// A bcrypt password hash as `htpasswd -B` and exporter-toolkit's `basic_auth_users` write it:
/// `$2y$10$` + 22 characters of salt + 31 characters of hash, 60 in all.
///
/// Only the form is checked here (version `2a`, `2b` or `2y`, a two-digit cost from 04 to 31, 53 characters of
/// bcrypt's base64); whether a password matches is for the HTTP layer. `description` shows the version and cost,
/// never the rest.
public struct BcryptHash: Sendable, Hashable, CustomStringConvertible {
    /// The hash as written in the file.
    public let text: String
    /// The version letter after `$2`: `a`, `b` or `y`.
    public let version: Character
    /// log2 of the number of rounds, 4...31.
    public let cost: Int

    /// The characters of bcrypt's base64 alphabet.
    static let alphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// The hash in `text`, or `nil` when `text` is not a bcrypt hash.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "2"),
            [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")].contains(bytes[2]),
            bytes[3] == UInt8(ascii: "$"), bytes[6] == UInt8(ascii: "$"),
            let cost = Int(String(decoding: bytes[4...5], as: UTF8.self)), (4...31).contains(cost),
            bytes[7...].allSatisfy(Self.alphabet.contains)
        else { return nil }
        self.text = text
        self.version = Character(Unicode.Scalar(bytes[2]))
        self.cost = cost
    }

    /// `$2y$10$<redacted>`.
    public var description: String { "$2\(version)$\(cost < 10 ? "0" : "")\(cost)$<redacted>" }
}
