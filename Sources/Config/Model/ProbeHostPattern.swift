/// The hosts a module's credentials may be used on by an ad-hoc `/probe` (the module's `probe_hosts:`).
///
/// A pattern is a host name or an IP address, matched whole and without regard to case, or `*.domain`, which
/// matches every name under the domain (`a.example.org`, `a.b.example.org`) but not the domain itself.
public enum ProbeHostPattern {
    /// Whether `pattern` (lowercased) is a name, an address or `*.domain`: no spaces, slashes or other `*`.
    static func isValid(_ pattern: String) -> Bool {
        guard !pattern.isEmpty, !pattern.contains(where: { $0.isWhitespace || $0 == "/" }) else { return false }
        guard pattern.contains("*") else { return true }
        let domain = pattern.dropFirst(2)
        return pattern.hasPrefix("*.") && !domain.isEmpty && !domain.contains("*") && !domain.hasPrefix(".")
    }

    /// Whether `host` matches one of `patterns` (lowercased patterns, as the loader keeps them).
    public static func allows(_ host: String, patterns: [String]) -> Bool {
        let host = host.lowercased()
        return patterns.contains { pattern in
            if pattern.hasPrefix("*.") {
                return host.hasSuffix(pattern.dropFirst(1)) && host.count > pattern.count - 1
            }
            return host == pattern
        }
    }
}
