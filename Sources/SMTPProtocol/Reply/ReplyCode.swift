/// An SMTP reply code (RFC 5321 §4.2): three digits, the first 2 to 5, the second 0 to 5.
public struct ReplyCode: Hashable, Sendable, CustomStringConvertible {
    /// The code, 200 to 559.
    public let value: Int

    /// reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 §4.2)
    ///
    /// The code from the three bytes a server sent, or nil when they are not one.
    public init?(digits: some Collection<UInt8>) {
        guard digits.count == 3 else { return nil }
        var value = 0
        for byte in digits {
            guard let digit = ASCII.digitValue(of: byte) else { return nil }
            value = value * 10 + digit
        }
        self.init(value)
    }

    /// A code from its value; nil unless its first digit is 2 to 5 and its second 0 to 5.
    public init?(_ value: Int) {
        guard (200...599).contains(value), (value / 10) % 10 <= 5 else { return nil }
        self.value = value
    }

    /// 2yz: the command was accepted.
    public var isPositiveCompletion: Bool { value / 100 == 2 }
    /// 3yz: the server waits for more (DATA's 354, AUTH's 334).
    public var isPositiveIntermediate: Bool { value / 100 == 3 }
    /// 4yz: refused for now; the same command may succeed later.
    public var isTransientFailure: Bool { value / 100 == 4 }
    /// 5yz: refused.
    public var isPermanentFailure: Bool { value / 100 == 5 }

    /// The three digits.
    public var description: String { String(value) }
}
