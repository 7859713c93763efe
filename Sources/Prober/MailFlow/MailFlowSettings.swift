import Config

/// Everything one run of the mail-flow loop needs: where to submit, which mailbox to look in, and how long to wait.
public struct MailFlowSettings: Sendable {
    /// Names the loop: its messages carry a token derived from it (a target's name), so a run finds the messages
    /// earlier runs of the same loop left, and no other loop's.
    public var identity: String
    /// The submission: server, credentials, sender, and the mailbox's address as the one recipient.
    public var submission: SubmissionSettings
    /// The mailbox session: server, TLS, credentials. Its `timeout` bounds the session's own work (connect, login,
    /// clean-up, logout); the wait for the message comes on top.
    public var mailbox: ProbeSettings
    /// The folders to look in, the one the message should land in first (a find in any other, such as a junk
    /// folder, is a finding of its own).
    public var folders: [String]
    /// How long after the submission server accepted the message it may take to arrive before it counts as lost.
    public var deliveryTimeout: Duration
    /// The longest pause between two rounds of searches.
    public var pollInterval: Duration
    /// A delivery slower than this is late (a finding; the loop still succeeded); nil: never late.
    public var lateAfter: Duration?

    /// Settings for a loop named `identity`.
    public init(
        identity: String, submission: SubmissionSettings, mailbox: ProbeSettings, folders: [String] = ["INBOX", "Junk"],
        deliveryTimeout: Duration = .seconds(120), pollInterval: Duration = .seconds(2), lateAfter: Duration? = nil
    ) {
        self.identity = identity
        self.submission = submission
        self.mailbox = mailbox
        self.folders = folders
        self.deliveryTimeout = deliveryTimeout
        self.pollInterval = pollInterval
        self.lateAfter = lateAfter
    }

    /// Longer than any run of this loop waits for its message: a message of the loop older than this is stale.
    var longestRun: Duration { submission.timeout + deliveryTimeout + mailbox.timeout }
}
