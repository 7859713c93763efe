/// A position in YAML text as libyaml counts it, 1-based: lines end at CRLF, CR, LF, NEL, LS and PS; columns are
/// Unicode scalars.
struct YAMLMark: Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    var line: Int
    /// The column in Unicode scalars, from 1.
    var column: Int

    /// `line:column`.
    var description: String { "\(line):\(column)" }
}
