import Config
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ProbeOptions {
    /// The environment variable a password is read from when no password option is given.
    public static let passwordVariable = "IMAPWATCH_PASSWORD"

    /// Builds the probe settings, reading secrets from files or `environment`.
    ///
    /// Throws `CommandFailure` for a missing host, conflicting secret options, an unreadable or empty secret
    /// file, or credentials with `--tls none` but without `--allow-plaintext-auth`; the message names the file but
    /// never its content.
    public func settings(
        environment: [String: String],
        readFile: (String) throws(CommandFailure) -> String = SecretFile.read
    ) throws(CommandFailure) -> ProbeSettings {
        guard let hostname else { throw CommandFailure("missing -H/--hostname") }
        let host = try Self.host(hostname, option: "-H/--hostname")
        let serverName = try sni.map { text throws(CommandFailure) in try Self.host(text, option: "--sni") }
        let credentials = try credentials(environment: environment, readFile: readFile)
        if tls == TLSMode.none, credentials != nil, !allowPlaintextAuth {
            // Known before connecting: a contradictory command line is UNKNOWN, not a CRITICAL probe failure.
            throw CommandFailure("--tls none would send the password unencrypted; add --allow-plaintext-auth to allow it")
        }
        return ProbeSettings(
            host: host,
            port: port,
            tlsMode: tls,
            serverName: serverName,
            caFile: caFile,
            insecure: insecure,
            minimumTLSVersion: tlsMin,
            credentials: credentials,
            allowPlaintextAuth: allowPlaintextAuth,
            mailbox: mailbox,
            selectReadWrite: select,
            fetchBytes: fetchBytes,
            requireMessage: requireMessage,
            checkQuota: !noQuota,
            timeout: .milliseconds(Int64((min(timeout, Self.maxTimeout) * 1000).rounded()))
        )
    }

    /// `text` as a host (a name, an IPv4 address, an IPv6 address bare or in brackets), or why not.
    static func host(_ text: String, option: String) throws(CommandFailure) -> ServerHost {
        do {
            return try ServerHost(parsing: text)
        } catch {
            throw CommandFailure("\(option): \(error.message)")
        }
    }

    private func credentials(
        environment: [String: String],
        readFile: (String) throws(CommandFailure) -> String
    ) throws(CommandFailure) -> Credentials? {
        let bearer = auth?.usesBearerToken ?? false
        if tokenFile != nil, !bearer {
            throw CommandFailure("--token-file needs --auth xoauth2 or --auth oauthbearer")
        }
        if bearer, tokenFile == nil {
            throw CommandFailure("--auth \(auth?.rawValue ?? "") needs --token-file")
        }
        if bearer, passwordFile != nil || password != nil {
            throw CommandFailure("--auth \(auth?.rawValue ?? "") takes a token (--token-file), not a password")
        }
        if passwordFile != nil, password != nil {
            throw CommandFailure("give only one of --password-file and --password")
        }
        guard let username else {
            if passwordFile != nil || password != nil || tokenFile != nil {
                throw CommandFailure("a password or token needs -u/--username")
            }
            return nil
        }
        let secret: String
        if let tokenFile {
            secret = try Self.trimmed(Self.read(tokenFile, kind: "token", with: readFile), file: tokenFile, kind: "token")
        } else if let passwordFile {
            secret = try Self.trimmed(
                Self.read(passwordFile, kind: "password", with: readFile), file: passwordFile, kind: "password")
        } else if let password {
            secret = password
        } else if let value = environment[Self.passwordVariable], !value.isEmpty {
            secret = value
        } else {
            throw CommandFailure("no password for -u: use --password-file or \(Self.passwordVariable)")
        }
        return Credentials(username: username, secret: Secret(secret), mechanism: auth)
    }

    static func read(
        _ path: String, kind: String, with readFile: (String) throws(CommandFailure) -> String
    ) throws(CommandFailure) -> String {
        do {
            return try readFile(path)
        } catch {
            throw CommandFailure("\(kind) file: \(error.message)")
        }
    }

    /// Strips the trailing line ending(s) an editor adds; refuses an empty secret.
    static func trimmed(_ content: String, file: String, kind: String) throws(CommandFailure) -> String {
        var value = Substring(content)
        while let last = value.last, last == "\n" || last == "\r" || last == "\r\n" { value = value.dropLast() }
        guard !value.isEmpty else { throw CommandFailure("\(kind) file \(file) is empty") }
        return String(value)
    }
}
