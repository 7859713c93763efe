import SASLEncoding

/// Turns an `SMTPCommand` into bytes and a transcript line. Nothing a caller passes can end a command early or add
/// one: names and mechanisms are checked, addresses are `MailAddress`es, responses go as base64, and a message is
/// dot-stuffed.
public enum SMTPCommandEncoder {
    /// The bytes and transcript of `command`.
    public static func encode(_ command: SMTPCommand) throws(SMTPEncodingError) -> EncodedSMTPCommand {
        switch command {
        case .ehlo(let name):
            guard isClientName(name) else { throw .invalidClientName(name) }
            return line("EHLO " + name)
        case .startTLS:
            return line("STARTTLS")
        case .auth(let mechanism, let initialResponse):
            guard (1...20).contains(mechanism.utf8.count), mechanism.utf8.allSatisfy(isMechanismByte) else {
                throw .invalidMechanism(mechanism)
            }
            guard let initialResponse else { return line("AUTH " + mechanism) }
            let encoded = initialResponse.isEmpty ? "=" : Base64.encode(initialResponse)
            return line("AUTH \(mechanism) \(encoded)", transcript: "AUTH \(mechanism) <redacted>")
        case .authResponse(let bytes):
            return line(Base64.encode(bytes), transcript: "<redacted>")
        case .mailFrom(let address, let size):
            guard let size else { return line("MAIL FROM:<\(address)>") }
            guard size >= 0 else { throw .invalidSize(size) }
            return line("MAIL FROM:<\(address)> SIZE=\(size)")
        case .rcptTo(let address):
            return line("RCPT TO:<\(address)>")
        case .data:
            return line("DATA")
        case .message(let content):
            let bytes = DotStuffing.stuffed(content)
            return EncodedSMTPCommand(bytes: bytes, transcript: "<message, \(content.count) octets>")
        case .reset:
            return line("RSET")
        case .noop:
            return line("NOOP")
        case .quit:
            return line("QUIT")
        }
    }

    private static func line(_ text: String, transcript: String? = nil) -> EncodedSMTPCommand {
        EncodedSMTPCommand(bytes: Array(text.utf8) + [13, 10], transcript: transcript ?? text)
    }

    /// A domain (letters, digits, "-" and "." only) or an address literal ("[" printable ASCII "]"), at most 255.
    private static func isClientName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...255).contains(bytes.count) else { return false }
        if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"), bytes.count > 2 {
            return bytes.dropFirst().dropLast().allSatisfy {
                (33...126).contains($0) && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "\\")
            }
        }
        return bytes.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// sasl-mech = 1*20(UPPER-ALPHA / DIGIT / HYPHEN / UNDERSCORE) (RFC 4422 §3.1)
    private static func isMechanismByte(_ byte: UInt8) -> Bool {
        ASCII.isUpperOrDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
