/// What the mail-flow loop's mailbox session found: where the message landed and how long it took, and what it
/// deleted.
public struct DeliveryFacts: Sendable, Hashable {
    /// The message's token.
    public var token: String
    /// The folder the message should land in (the first watched).
    public var expectedFolder: String
    /// The folder it was found in; nil when it was not found.
    public var folder: String?
    /// From the submission server's acceptance to the search that found it; for a message an earlier run sent
    /// (`timedByArrival`), to the time the server received it, in whole seconds.
    public var delay: Duration?
    /// Whether `delay` comes from the message's INTERNALDATE (whole seconds) rather than from watching it arrive.
    public var timedByArrival = false
    /// How many rounds of searches ran.
    public var rounds: Int = 0
    /// Watched folders that do not exist (a junk folder the server has not made).
    public var missingFolders: [String] = []
    /// Copies of the message deleted (more than one if it was delivered twice).
    public var removed: Int = 0
    /// Messages of this loop left by earlier runs (a crash, or found after their run gave up) that were found.
    public var staleFound: Int = 0
    /// Of those, how many were deleted.
    public var staleRemoved: Int = 0
    /// The server has no UID EXPUNGE (UIDPLUS): the messages are marked \Deleted and left for the server's own
    /// expunge, since a plain EXPUNGE would remove every message anyone marked.
    public var cleanupIncomplete = false

    /// A record for the message `token`, expected in `expectedFolder`.
    public init(token: String, expectedFolder: String) {
        self.token = token
        self.expectedFolder = expectedFolder
    }

    /// Whether the message was found in a folder other than the expected one (a junk folder).
    public var inOtherFolder: Bool { folder.map { $0 != expectedFolder } ?? false }
}
