import BuildInfo

/// The version of imapwatch, printed by `-V/--version`.
public enum ImapwatchVersion {
    /// The release version.
    public static let current = "0.1.0"

    /// The source revision exported in `imapwatch_build_info`: the commit's short hash (with `+dirty` when built
    /// from a modified checkout), or `unknown` outside git; written at build time by the GitRevision plugin.
    public static let revision = SourceRevision.current
}
