extension NodeReader {
    /// Where a key that references a secret takes it from.
    enum SecretSource {
        /// The value is a file path (made absolute, checked readable).
        case file
        /// The value is an environment variable's name (checked set and not empty).
        case environment
    }

    /// The reference `text`, the value of a `*_file` or `*_env` key at `node`, gives, checked now; `nil` after
    /// reporting why it is unusable. The secret itself is not read, so no message can show it.
    mutating func secretReference(_ text: String, at node: YAMLNode, key: String, source: SecretSource) -> SecretReference? {
        switch source {
        case .environment:
            guard let present = environment[text], !present.isEmpty else {
                report(.secretVariableUnset(key: key, variable: text), at: node)
                return nil
            }
            return .environment(variable: text)
        case .file:
            return checkedFile(text, key: key, at: node).map { .file(path: $0) }
        }
    }

    /// The absolute path of a file that must be readable now, or `nil` after reporting why it is not.
    mutating func checkedFile(_ path: String, key: String, at node: YAMLNode) -> String? {
        let absolute = FileCheck.absolute(path, in: baseDirectory)
        if let reason = FileCheck.problem(at: absolute) {
            report(.unreadableFile(key: key, path: path, reason: reason), at: node)
            return nil
        }
        return absolute
    }
}
