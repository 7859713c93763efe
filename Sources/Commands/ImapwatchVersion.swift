/// The version of imapwatch, printed by `-V/--version`.
public enum ImapwatchVersion {
    /// The release version.
    public static let current = "0.1.0"
}
