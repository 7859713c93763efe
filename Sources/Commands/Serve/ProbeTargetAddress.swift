import Config

/// The `target` of a `/probe` request as a host and an optional port: `host`, `host:port`, `[v6]`, `[v6]:port`,
/// or a bare IPv6 address (more than one colon and no brackets: all host, no port). The host is a `ServerHost`,
/// checked as strictly as a configured one.
package struct ProbeTargetAddress: Equatable, Sendable {
    package var host: ServerHost
    package var port: Int?

    /// Why a target was refused.
    package struct Invalid: Error, Equatable {
        package var message: String
    }

    /// An address of these parts.
    init(host: ServerHost, port: Int?) {
        self.host = host
        self.port = port
    }

    /// Parses `text`; a host that is not a name or an address, a port that is not 1…65535, or an unclosed
    /// bracket is refused.
    package init(parsing text: String) throws(Invalid) {
        var hostText = Substring(text)
        var portText: Substring?
        if hostText.hasPrefix("[") {
            guard let close = hostText.firstIndex(of: "]") else {
                throw Invalid(message: "target \(Self.quoted(text)): an IPv6 address needs its closing ]")
            }
            let rest = hostText[hostText.index(after: close)...]
            hostText = hostText[...close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else {
                    throw Invalid(message: "target \(Self.quoted(text)): expected :port after ]")
                }
                portText = rest.dropFirst()
            }
        } else if hostText.filter({ $0 == ":" }).count == 1, let colon = hostText.firstIndex(of: ":") {
            portText = hostText[hostText.index(after: colon)...]
            hostText = hostText[..<colon]
        }
        do {
            host = try ServerHost(parsing: String(hostText))
        } catch {
            throw Invalid(message: "target \(Self.quoted(text)) is not a host name or address: \(error.reason)")
        }
        if let portText {
            guard portText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let port = Int(portText), (1...65535).contains(port)
            else {
                throw Invalid(message: "target \(Self.quoted(text)): the port must be a number from 1 to 65535")
            }
            self.port = port
        }
    }

    /// `text` in quotes, control characters escaped, cut at 100 characters, for error messages.
    static func quoted(_ text: String) -> String { ServerHost.quoted(text) }
}
