import ArgumentParser
import Config

/// The options that describe one probe, shared by `check` and `probe`.
public struct ProbeOptions: ParsableArguments {
    @Option(name: [.customShort("H"), .long], help: "Host name, IPv4 or IPv6 address ([::1] or ::1) of the IMAP server (required).")
    var hostname: String?

    @Option(name: .shortAndLong, help: "TCP port.")
    var port: Int = 993

    @Option(help: "implicit, starttls or none (default: implicit on 993, starttls otherwise).")
    var tls: TLSMode?

    @Option(name: .shortAndLong, help: "Log in as this user; without it the probe stops after the greeting.")
    var username: String?

    @Option(help: "Read the password from this file (one trailing newline is ignored). Or set IMAPWATCH_PASSWORD.")
    var passwordFile: String?

    @Option(help: "The password on the command line. Avoid: it shows in `ps`; prefer --password-file.")
    var password: String?

    @Option(help: "Read a bearer token from this file, for --auth xoauth2 or oauthbearer.")
    var tokenFile: String?

    @Option(help: "login, plain, xoauth2 or oauthbearer (default: chosen from the server's capabilities).")
    var auth: AuthMechanism?

    @Flag(help: "Allow sending credentials without TLS (--tls none).")
    var allowPlaintextAuth = false

    @Option(name: .shortAndLong, help: "The mailbox to open after login.")
    var mailbox = "INBOX"

    @Flag(help: "Open the mailbox with SELECT instead of the read-only EXAMINE.")
    var select = false

    @Option(help: "Octets of the newest message to fetch (at most 16777216); 0 skips the fetch.")
    var fetchBytes = 1024

    @Flag(help: "Fail when the mailbox is empty instead of skipping the fetch.")
    var requireMessage = false

    @Flag(help: "Do not ask for quota.")
    var noQuota = false

    @Option(help: "A PEM file of extra trusted CA certificates.")
    var caFile: String?

    @Option(help: "The name sent as SNI and checked against the certificate (default: the host); never empty.")
    var sni: String?

    @Flag(help: "Report certificate verification errors (as WARNING) instead of failing.")
    var insecure = false

    @Option(help: "The lowest TLS version accepted: 1.0, 1.1, 1.2 or 1.3. 1.0 and 1.1 weaken the handshake (OpenSSL security level 0), never certificate checks.")
    var tlsMin: TLSVersion?

    @Option(name: .shortAndLong, help: "Overall deadline in seconds (at most 86400); no phase outlives it.")
    var timeout: Double = 10

    /// The longest deadline accepted: a day.
    static let maxTimeout = Double(ProbeSettings.maxTimeout.components.seconds)
    /// The largest partial fetch accepted: 16 MiB.
    static let maxFetchBytes = ProbeSettings.maxFetchBytes

    /// Options with every default; ArgumentParser fills them from the command line.
    public init() {}

    public func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("port \(port) is not in 1...65535") }
        guard timeout > 0, timeout <= Self.maxTimeout else {
            throw ValidationError("timeout must be more than 0 and at most \(Int(Self.maxTimeout)) seconds")
        }
        guard (0...Self.maxFetchBytes).contains(fetchBytes) else {
            throw ValidationError("--fetch-bytes must be from 0 to \(Self.maxFetchBytes)")
        }
    }
}
