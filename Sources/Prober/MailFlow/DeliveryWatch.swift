/// What the mailbox session of the mail-flow loop looks for, and until when.
struct DeliveryWatch: Sendable {
    /// The message's token.
    var token: LoopToken
    /// When the submission server accepted it: where the delivery time starts.
    var acceptedAt: ContinuousClock.Instant
    /// For a message an earlier run sent: its acceptance on the wall clock (Unix seconds). Found at the first look,
    /// its delivery is timed by its INTERNALDATE, not by when this run happened to look.
    var acceptedUnix: Double? = nil
    /// The folders to look in, the expected one (INBOX) first; a find in any other is a finding of its own.
    var folders: [String]
    /// When to stop looking and call the message lost.
    var until: ContinuousClock.Instant
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

    /// The pause after round `round` (1, 2, …): 100 ms, doubling, at most `pollInterval`, so a fast delivery is
    /// timed to a tenth of a second without polling a slow one.
    func wait(after round: Int) -> Duration {
        let doubled = Duration.milliseconds(100) * (1 << min(max(round - 1, 0), 10))
        return min(doubled, pollInterval)
    }
}
