/// The errors and warnings found while loading one file, in the order found.
struct DiagnosticLog: Sendable {
    private(set) var errors: [ConfigDiagnostic] = []
    private(set) var warnings: [ConfigDiagnostic] = []

    /// Records `problem` at `location`, as a warning or an error by its kind; an exact repeat is dropped (a
    /// module's mistake is found again in every target that uses it).
    mutating func add(_ problem: ConfigProblem, at location: SourceLocation) {
        let diagnostic = ConfigDiagnostic(location: location, problem: problem)
        if problem.isWarning {
            if !warnings.contains(diagnostic) { warnings.append(diagnostic) }
        } else if !errors.contains(diagnostic) {
            errors.append(diagnostic)
        }
    }

    /// The errors sorted by position, at most `limit`, with how many were left out; `nil` when there are none.
    func error(limit: Int) -> ConfigError? {
        guard !errors.isEmpty else { return nil }
        let sorted = errors.sorted { ($0.location, $0.description) < ($1.location, $1.description) }
        return ConfigError(
            diagnostics: Array(sorted.prefix(limit)), omitted: max(0, sorted.count - limit), warnings: sortedWarnings)
    }

    /// The warnings sorted by position.
    var sortedWarnings: [ConfigDiagnostic] { warnings.sorted { $0.location < $1.location } }
}
