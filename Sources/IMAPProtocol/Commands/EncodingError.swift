/// A command argument that cannot be encoded safely.
public enum EncodingError: Error, Hashable, Sendable {
    /// A string holds NUL, which neither quoted strings nor literals may carry.
    case nulInString
    /// The SASL mechanism name is not an atom.
    case invalidMechanism(String)
    /// The tag is empty or holds characters a tag may not.
    case invalidTag(String)
    /// A number argument is out of range (sequence numbers, UIDs and partial sizes must be 1...UInt32.max).
    case numberOutOfRange(Int)
    /// A header name that is not an atom.
    case invalidHeaderName(String)
    /// A set of UIDs with none in it.
    case emptySet
}
