import ArgumentParser
import Commands
import Config
import Foundation
import Prober
import Testing

@Suite("Argument parsing")
struct ArgumentParsingTests {
    func check(_ arguments: [String]) throws -> CheckCommand {
        let command = try Imapwatch.parse(["check"] + arguments)
        return try #require(command as? CheckCommand)
    }

    func failure(_ arguments: [String]) -> ParseFailureReport? {
        do {
            var command = try Imapwatch.parse(arguments)
            // Built-in commands (help) report through their run(); ours are async and not run here.
            guard !(command is CheckCommand || command is ProbeCommand) else { return nil }
            try command.run()
            return nil
        } catch {
            return ParseFailureReport(error: error, arguments: arguments)
        }
    }

    @Test("defaults match the issue")
    func defaults() throws {
        let command = try check(["-H", "mail.example.org"])
        let settings = try command.probe.settings(environment: [:])
        #expect(settings.port == 993 && settings.tlsMode == .implicit && settings.mailbox == "INBOX")
        #expect(settings.fetchBytes == 1024 && settings.timeout == .seconds(10) && settings.checkQuota)
        #expect(settings.credentials == nil && !settings.selectReadWrite && !settings.insecure)
        let thresholds = command.thresholds
        #expect(thresholds.certificateDaysWarning == 20 && thresholds.certificateDaysCritical == 10)
        #expect(thresholds.quotaPercentWarning == 80 && thresholds.quotaPercentCritical == 90)
        #expect(try check(["-H", "h", "-p", "143"]).probe.settings(environment: [:]).tlsMode == .starttls)
    }

    @Test("every probe option reaches the settings")
    func options() throws {
        let command = try check([
            "-H", "h", "-p", "1143", "--tls", "none", "-u", "mon", "--password", "pw", "--auth", "plain",
            "--allow-plaintext-auth", "-m", "Archive", "--select", "--fetch-bytes", "0", "--require-message",
            "--no-quota", "--ca-file", "/ca.pem", "--sni", "imap.example.org", "--insecure", "--tls-min", "1.2",
            "-t", "2.5", "-v",
        ])
        let settings = try command.probe.settings(environment: [:])
        #expect(settings.port == 1143 && settings.tlsMode == .none && settings.allowPlaintextAuth)
        #expect(settings.credentials == Credentials(username: "mon", secret: Secret("pw"), mechanism: .plain))
        #expect(settings.mailbox == "Archive" && settings.selectReadWrite && settings.fetchBytes == 0)
        #expect(settings.requireMessage && !settings.checkQuota && settings.caFile == "/ca.pem")
        #expect(settings.serverName == "imap.example.org" && settings.insecure && settings.minimumTLSVersion == .tls1_2)
        #expect(settings.timeout == .milliseconds(2500))
        #expect(command.verbose == 1)
    }

    @Test("--phase-warning login=2 is parsed; repeats fold per phase; -w/-c take ranges")
    func phaseThresholds() throws {
        let command = try check([
            "-H", "h", "--phase-warning", "login=2", "--phase-warning", "select=@0:0.5",
            "--phase-critical", "tls_handshake=~:3", "--phase-warning", "login=4", "-w", "-5:", "-c", "@10:20",
        ])
        let thresholds = command.thresholds
        #expect(thresholds.phaseWarning[.login] == (try ThresholdRange(parsing: "4")))
        #expect(thresholds.phaseWarning[.select]?.text == "@0:0.5")
        #expect(thresholds.phaseCritical[.tlsHandshake]?.text == "~:3")
        #expect(thresholds.totalWarning?.text == "-5:")
        #expect(thresholds.totalCritical?.alertsInside == true)
        #expect(PhaseThreshold(phase: .login, range: try ThresholdRange(parsing: "2")) == (try PhaseThreshold(parsing: "login=2")))
    }

    static let usageErrors: [([String], String)] = [
        (["check"], "IMAP UNKNOWN - missing -H/--hostname"),
        (["check", "-H", "h", "--phase-warning", "bogus=2"], "unknown phase 'bogus' (phases: resolve, connect, "),
        (["check", "-H", "h", "--phase-warning", "login"], "expected PHASE=RANGE (e.g. login=2), got 'login'"),
        (["check", "-H", "h", "--phase-critical", "login=abc"], "invalid range 'abc': the end 'abc' is not a decimal number"),
        (["check", "-H", "h", "-w", "20:10"], "invalid range '20:10': start 20 is greater than end 10"),
        (["check", "-H", "h", "--tls", "ssl"], "IMAP UNKNOWN - The value 'ssl' is invalid for '--tls <tls>'"),
        (["check", "-H", "h", "--frobnicate"], "IMAP UNKNOWN - Unknown option '--frobnicate'"),
        (["check", "-H", "h", "-p", "70000"], "IMAP UNKNOWN - port 70000 is not in 1...65535"),
        (["check", "-H", "h", "-t", "0"], "IMAP UNKNOWN - timeout must be more than 0 and at most 86400 seconds"),
    ]

    @Test("check usage errors print 'IMAP UNKNOWN - <message>' and exit 3", arguments: usageErrors)
    func usageErrorsExit3(arguments: [String], expected: String) throws {
        let report = try #require(failure(arguments))
        #expect(report.exitCode == 3)
        #expect(report.standardOutput.hasPrefix("IMAP UNKNOWN - "))
        #expect(report.standardOutput.contains(expected), "got: \(report.standardOutput)")
        #expect(report.standardError.isEmpty)
    }

    @Test("check -h prints help and exits 3 like Monitoring Plugins; probe keeps ArgumentParser's 64")
    func helpAndOtherCommands() throws {
        let help = try #require(failure(["check", "-h"]))
        #expect(help.exitCode == 3)
        #expect(help.standardOutput.contains("--phase-warning"))
        #expect(help.standardOutput.contains("fewer than"))
        let probe = try #require(failure(["probe", "-H", "h", "--frobnicate"]))
        #expect(probe.exitCode == 64)
        #expect(probe.standardError.contains("Unknown option '--frobnicate'"))
    }

    @Test("check's help, parsed without the root command, names the tool and lists --version once: check's own -V")
    func checkHelpStandsAlone() throws {
        let help = try #require(failure(["check", "--help"])).standardOutput
        #expect(help.contains("USAGE: imapwatch check "))
        #expect(help.components(separatedBy: "--version").count == 2)
        #expect(help.contains("-V, --version"))
        // `help check` goes through the root command and shows the same option list.
        let viaRoot = try #require(failure(["help", "check"])).standardOutput
        #expect(viaRoot.contains("USAGE: imapwatch check "))
        #expect(viaRoot.contains("--phase-warning"))
    }

    @Test("-V parses without -H")
    func version() throws {
        #expect(try check(["-V"]).version)
    }

    @Test("password file: trailing newline stripped; env fallback; argv password")
    func passwords() throws {
        let files: [String: String] = ["/pw": "s3cret\n", "/crlf": "s3cret\r\n", "/empty": "\n", "/token": "tok\n"]
        let read: (String) throws(CommandFailure) -> String = { path throws(CommandFailure) in
            guard let content = files[path] else { throw CommandFailure("cannot read \(path): no such file") }
            return content
        }
        for path in ["/pw", "/crlf"] {
            let settings = try check(["-H", "h", "-u", "mon", "--password-file", path]).probe.settings(environment: [:], readFile: read)
            #expect(settings.credentials?.secret.exposedValue == "s3cret")
        }
        let fromEnv = try check(["-H", "h", "-u", "mon"]).probe.settings(environment: ["IMAPWATCH_PASSWORD": "envpw"])
        #expect(fromEnv.credentials?.secret.exposedValue == "envpw")
        let token = try check(["-H", "h", "-u", "mon", "--auth", "xoauth2", "--token-file", "/token"]).probe
            .settings(environment: [:], readFile: read)
        #expect(token.credentials?.secret.exposedValue == "tok" && token.credentials?.mechanism == .xoauth2)
        #expect(try check(["-H", "h"]).probe.settings(environment: ["IMAPWATCH_PASSWORD": "x"]).credentials == nil)
    }

    static let secretCases: [([String], String)] = [
        (["-u", "mon", "--password-file", "/missing"], "password file: cannot read /missing: no such file"),
        (["-u", "mon", "--password-file", "/empty"], "password file /empty is empty"),
        (["-u", "mon"], "no password for -u: use --password-file or IMAPWATCH_PASSWORD"),
        (["--password-file", "/pw"], "a password or token needs -u/--username"),
        (["-u", "mon", "--password-file", "/pw", "--password", "x"], "give only one of --password-file and --password"),
        (["-u", "mon", "--token-file", "/pw"], "--token-file needs --auth xoauth2 or --auth oauthbearer"),
        (["-u", "mon", "--auth", "oauthbearer"], "--auth oauthbearer needs --token-file"),
        (["--tls", "none", "-u", "mon", "--password-file", "/pw"],
            "--tls none would send the password unencrypted; add --allow-plaintext-auth to allow it"),
    ]

    @Test("secret problems are clear, name the file, never its content", arguments: secretCases)
    func secretProblems(arguments: [String], message: String) throws {
        let read: (String) throws(CommandFailure) -> String = { path throws(CommandFailure) in
            switch path {
            case "/pw": return "topsecret\n"
            case "/empty": return "\n"
            default: throw CommandFailure("cannot read \(path): no such file")
            }
        }
        let options = try check(["-H", "h"] + arguments).probe
        #expect(throws: CommandFailure(message)) { try options.settings(environment: [:], readFile: read) }
    }

    @Test("SecretFile reads a real file and reports a missing one by path")
    func realFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-pw-\(UUID().uuidString)").path
        try "filepw\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let settings = try check(["-H", "h", "-u", "mon", "--password-file", path]).probe.settings(environment: [:])
        #expect(settings.credentials?.secret.exposedValue == "filepw")
        #expect(throws: CommandFailure("cannot read \(path)-missing: no such file")) { try SecretFile.read(path + "-missing") }
    }
}
