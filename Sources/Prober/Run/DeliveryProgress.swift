/// The mail-flow loop's searches and clean-up as they go, in a mailbox session (`ProbeRun` with a `DeliveryWatch`).
struct DeliveryProgress {
    /// What the loop's current command is for; folders by their index in `DeliveryWatch.folders`.
    enum Command {
        /// SELECT a folder to search it.
        case select(folder: Int)
        /// Search a folder for every message of this loop (its first look there in this run).
        case survey(folder: Int)
        /// Read the tokens of the messages a survey found.
        case tokens(folder: Int)
        /// Search a folder for this run's message.
        case search(folder: Int)
        /// Ask the capabilities the server did not announce after login (is there UID EXPUNGE?).
        case capability
        /// SELECT a folder to delete in it.
        case cleanupSelect(folder: Int)
        /// Mark the messages to delete in a folder.
        case store(folder: Int)
        /// Expunge them by UID.
        case expunge(folder: Int)
    }

    /// What is known so far; nil outside the loop.
    var facts: DeliveryFacts?
    /// The folder looked in now, and the one selected (nil before the first SELECT, or after a refused one).
    var folder = 0
    var selected: Int?
    /// Folders surveyed in this run, and those that do not exist.
    var surveyed: Set<Int> = []
    var missing: Set<Int> = []
    /// The UIDs of this run's message, by folder, and when it was first seen.
    var found: [Int: [Int]] = [:]
    var foundAt: ContinuousClock.Instant?
    /// Whether the session is waiting for the submission server to accept the message, how many times it has
    /// paused for it, and how many rounds ran before it was accepted (the poll schedule counts from there).
    var awaitingAcceptance = false
    var acceptanceWaits = 0
    var roundsBeforeAcceptance = 0
    /// The UIDs of stale messages of this loop, by folder.
    var stale: [Int: [Int]] = [:]
    /// The folders still to clean, in order.
    var cleanupQueue: [Int] = []

    init(watch: DeliveryWatch?) {
        facts = watch.map { DeliveryFacts(token: $0.token.description, expectedFolder: $0.folders.first ?? "INBOX") }
    }
}
