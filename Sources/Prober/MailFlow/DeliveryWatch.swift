/// What the mailbox session of the mail-flow loop looks for, and for how long.
struct DeliveryWatch: Sendable {
    /// The message's token.
    var token: LoopToken
    /// When the submission server accepts it (where the delivery time starts), once it has; and the word that the
    /// mailbox session is logged in, for the submission to start.
    var signal: SubmissionSignal
    /// For a message an earlier run sent: its acceptance on the wall clock (Unix seconds). Found at the first look,
    /// its delivery is timed by its INTERNALDATE, not by when this run happened to look.
    var acceptedUnix: Double? = nil
    /// The folders to look in, the expected one (INBOX) first; a find in any other is a finding of its own.
    var folders: [String]
    /// How long after its acceptance the message may take before it counts as lost.
    var deliveryTimeout: Duration
    /// The longest wait between two rounds of searches; the first rounds come sooner (`wait(after:)`).
    var pollInterval: Duration
    /// A message of this loop made before this (Unix seconds) is one no run waits for any more: a crashed run's,
    /// or a message found too late. It is deleted with the loop's own.
    var staleBefore: Int

    /// The most messages of this loop one survey of a folder reads the tokens of (the newest first); a run
    /// deletes at most these, and the next run goes on.
    static let surveyLimit = 100
    /// The longest line the mailbox session reads: a `* SEARCH` of every message the loop ever left (about 90,000
    /// UIDs of up to ten digits) still fits, and nothing larger is held.
    static let maxSearchLine = 1 << 20

    /// The pause before looking again whether the submission was accepted, after `waits` pauses: 1 ms doubling
    /// up to 128 ms. Only a safety net: the submission's end wakes the session at once (`SubmissionSignal.whenSettled`),
    /// since a first search that comes late lengthens the delivery measured.
    static func acceptanceWait(after waits: Int) -> Duration {
        .milliseconds(1 << min(waits, 7))
    }

    /// The pause after round `round` (1, 2, …): 10 ms, doubling, at most `pollInterval`. A delivery is seen at
    /// most about its own time late (the pauses before it add up to less than it), so a delivery of tens of
    /// milliseconds is timed to tens of milliseconds, without polling a slow one more than a few times a second.
    func wait(after round: Int) -> Duration {
        let doubled = Duration.milliseconds(10) * (1 << min(max(round - 1, 0), 16))
        return min(doubled, pollInterval)
    }
}
