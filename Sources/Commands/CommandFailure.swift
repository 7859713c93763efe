/// A problem with the command line or its inputs (an unreadable password file, conflicting options).
///
/// `check` reports it as `IMAP UNKNOWN - <message>` with exit code 3. The message never holds a secret's value.
public struct CommandFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line for a person.
    public var message: String

    /// A failure with this message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
