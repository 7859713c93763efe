/// The version of imapwatch, printed by `-V/--version`.
public enum ImapwatchVersion {
    /// The release version.
    public static let current = "0.1.0"

    /// The source revision exported in `imapwatch_build_info`; release builds may replace it.
    public static let revision = "unknown"
}
