import IMAPProtocol

/// The `target` of a `/probe` request as a host and an optional port: `host`, `host:port`, `[v6]`, `[v6]:port`,
/// or a bare IPv6 address (more than one colon and no brackets: all host, no port).
struct ProbeTargetAddress: Equatable, Sendable {
    var host: String
    var port: Int?

    /// Why a target was refused.
    struct Invalid: Error, Equatable {
        var message: String
    }

    /// An address of these parts.
    init(host: String, port: Int?) {
        self.host = host
        self.port = port
    }

    /// Parses `text`; an empty host, a port that is not 1…65535, or an unclosed bracket is refused.
    init(parsing text: String) throws(Invalid) {
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw Invalid(message: "target \(Self.quoted(text)): an IPv6 address needs its closing ]")
            }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else {
                    throw Invalid(message: "target \(Self.quoted(text)): expected :port after ]")
                }
                portText = rest.dropFirst()
            }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == " " || $0.isNewline }) else {
            throw Invalid(message: "target \(Self.quoted(text)): expected host, host:port or [IPv6]:port")
        }
        if let portText {
            guard portText.allSatisfy({ $0 >= "0" && $0 <= "9" }), let port = Int(portText), (1...65535).contains(port)
            else {
                throw Invalid(message: "target \(Self.quoted(text)): the port must be a number from 1 to 65535")
            }
            self.port = port
        }
        self.host = String(host)
    }

    /// `text` in quotes, on one line and cut at 100 characters, for error messages.
    static func quoted(_ text: String) -> String {
        let clean = text.oneLine
        return "\"\(clean.prefix(100))\(clean.count > 100 ? "…" : "")\""
    }
}
