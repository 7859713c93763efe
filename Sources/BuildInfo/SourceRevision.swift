/// The source revision this binary was built from.
///
/// The GitRevision build-tool plugin reads the package's `.git` at build time: a 7-digit commit hash, with
/// `+dirty` when tracked files had uncommitted changes, or `unknown` for a build outside a git checkout (a
/// source tarball).
public enum SourceRevision {
    /// The revision, as exported in `imapwatch_build_info{revision=…}`.
    public static var current: String { GeneratedRevision.value }
}
