import Config

/// What loading configuration text reports: each diagnostic's description (`file:line:column: message`), none
/// when it loads.
func configErrors(_ yaml: String, file: String, environment: [String: String] = [:]) -> [String] {
    do {
        _ = try ConfigLoader(environment: environment).load(yaml: yaml, file: file, baseDirectory: "/")
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}
