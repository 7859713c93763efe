/// What SELECT/EXAMINE told about the mailbox.
public struct MailboxFacts: Sendable, Hashable {
    /// The mailbox name as given in the settings.
    public var name: String
    /// The number of messages (EXISTS).
    public var messages: Int
    /// UIDVALIDITY, if the server sent it.
    public var uidValidity: UInt32?
    /// UIDNEXT, if the server sent it.
    public var uidNext: UInt32?
    /// Whether the server opened it read-only.
    public var readOnly: Bool

    /// Facts of one opened mailbox.
    public init(name: String, messages: Int, uidValidity: UInt32?, uidNext: UInt32?, readOnly: Bool) {
        self.name = name
        self.messages = messages
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.readOnly = readOnly
    }
}
