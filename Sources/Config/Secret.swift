/// A credential (password, bearer token, webhook URL) that must never be printed.
///
/// `description` and `debugDescription` are `<redacted>`; read the value only where it is put on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself. Use it only to build the bytes sent to a server.
    public let exposedValue: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.exposedValue = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    /// No children, so `dump` and other reflection show nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
