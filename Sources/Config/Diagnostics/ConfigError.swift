/// A configuration that did not load: every error found (up to a limit), sorted by position.
///
/// `description` is one diagnostic per line, then `... and N more errors` when some were left out.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errors reported, in file order, at most the loader's limit.
    public var diagnostics: [ConfigDiagnostic]
    /// How many further errors were found but not reported.
    public var omitted: Int
    /// Warnings found before the errors stopped the load (an inline password, for example).
    public var warnings: [ConfigDiagnostic]

    /// An error made of `diagnostics`.
    public init(diagnostics: [ConfigDiagnostic], omitted: Int = 0, warnings: [ConfigDiagnostic] = []) {
        self.diagnostics = diagnostics
        self.omitted = omitted
        self.warnings = warnings
    }

    public var description: String {
        var lines = diagnostics.map(\.description)
        if omitted > 0 { lines.append("... and \(omitted) more error\(omitted == 1 ? "" : "s")") }
        return lines.joined(separator: "\n")
    }
}
