/// One problem found in a configuration file, with where it is.
///
/// `description` is `file:line:column: message (hint)`, or `file:line:column: warning: message (hint)` for a
/// warning. No description ever contains a secret's value.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Where the offending key or value starts.
    public var location: SourceLocation
    /// What is wrong.
    public var problem: ConfigProblem

    /// A problem at `location`.
    public init(location: SourceLocation, problem: ConfigProblem) {
        self.location = location
        self.problem = problem
    }

    /// Whether this is a warning (the file still loads) rather than an error.
    public var isWarning: Bool { problem.isWarning }

    public var description: String {
        let prefix = isWarning ? "warning: " : ""
        let hint = problem.hint.map { " (\($0))" } ?? ""
        return "\(location): \(prefix)\(problem.message)\(hint)"
    }
}
