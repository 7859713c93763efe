import ArgumentParser

/// `--web.listen-address`: `[host]:port`, as Prometheus exporters take it (`:9643`, `127.0.0.1:9643`, `[::1]:9643`).
///
/// An empty host listens on every IPv4 address (`0.0.0.0`).
public struct ListenAddress: Hashable, Sendable, ExpressibleByArgument, CustomStringConvertible {
    /// The exporter's default port, 9643 (see the README's note on the port choice).
    public static let defaultPort = 9643

    /// The address to bind: an IP literal or a host name.
    public var host: String
    /// The TCP port; 0 picks a free one.
    public var port: Int

    /// `host:port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `[host]:port`; `nil` for anything else (no colon, a bad port, unbalanced brackets).
    public init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":") else { return nil }
        var host = String(argument[..<colon])
        let portText = argument[argument.index(after: colon)...]
        guard !portText.isEmpty, portText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let port = Int(portText),
            port <= 65535
        else { return nil }
        if host.hasPrefix("[") || host.hasSuffix("]") {
            guard host.hasPrefix("["), host.hasSuffix("]"), host.count > 2 else { return nil }
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            return nil
        }
        self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
