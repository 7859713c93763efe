/// Why a command could not be encoded. Every one is a mistake of the caller or of a configuration, caught before
/// anything is sent.
public enum SMTPEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// EHLO's name is neither a domain nor an address literal.
    case invalidClientName(String)
    /// A SASL mechanism name that is not 1 to 20 upper-case letters, digits, "-" or "_".
    case invalidMechanism(String)
    /// SIZE below zero.
    case invalidSize(Int)

    /// One line for a person.
    public var description: String {
        switch self {
        case .invalidClientName(let name): "\"\(name)\" is not a domain or an address literal for EHLO"
        case .invalidMechanism(let name): "\"\(name)\" is not a SASL mechanism name"
        case .invalidSize(let size): "a message size of \(size)"
        }
    }
}
