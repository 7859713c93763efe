/// One host a module's credentials may be used on by an ad-hoc `/probe` (an entry of the module's
/// `probe_hosts:`).
///
/// A pattern is a host (`ServerHost`: a name, an IPv4 or an IPv6 address), matched whole, or `*.domain`, which
/// matches every name under the domain (`a.example.org`, `a.b.example.org`) but not the domain itself and never
/// an address. Both sides are `ServerHost` values, so what is compared is what will be resolved and checked
/// against the certificate: never raw request text.
public enum ProbeHostPattern: Sendable, Hashable, CustomStringConvertible {
    /// Exactly this host.
    case host(ServerHost)
    /// Every name below this one (a name, never an address).
    case subdomains(of: ServerHost)

    /// The pattern `text` writes, or why it writes none.
    public init(parsing text: String) throws(ServerHost.Invalid) {
        guard text.hasPrefix("*.") else {
            guard !text.contains("*") else {
                throw ServerHost.Invalid(
                    message: "\(ServerHost.quoted(text)) is not a host pattern: '*' is allowed only as '*.' in front",
                    reason: "'*' is allowed only as '*.' in front")
            }
            self = .host(try ServerHost(parsing: text))
            return
        }
        let domain = try ServerHost(parsing: String(text.dropFirst(2)))
        guard domain.kind == .name else {
            throw ServerHost.Invalid(
                message: "\(ServerHost.quoted(text)) is not a host pattern: '*.' goes in front of a name",
                reason: "'*.' goes in front of a name")
        }
        self = .subdomains(of: domain)
    }

    /// The pattern as written in canonical form (`mail.example.org`, `*.example.org`, `2001:db8::7`).
    public var description: String {
        switch self {
        case .host(let host): host.text
        case .subdomains(let domain): "*.\(domain.text)"
        }
    }

    /// Whether `host` is this host, or a name below this domain.
    public func allows(_ host: ServerHost) -> Bool {
        switch self {
        case .host(let allowed):
            return host == allowed
        case .subdomains(let domain):
            return host.kind == .name && host.text.hasSuffix("." + domain.text)
        }
    }

    /// Whether one of `patterns` allows `host`.
    public static func allows(_ host: ServerHost, patterns: [ProbeHostPattern]) -> Bool {
        patterns.contains { $0.allows(host) }
    }
}
