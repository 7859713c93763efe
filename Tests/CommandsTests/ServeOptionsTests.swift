import Config
import Logging
import Prober
import Scheduler
import Testing

@testable import Commands

/// `serve`'s command line, its listen address, its log lines, and the result of an unreadable secret.
@Suite struct ServeOptionsTests {
    func serve(_ arguments: [String]) throws -> ServeCommand {
        try #require(try Imapwatch.parseAsRoot(["serve"] + arguments) as? ServeCommand)
    }

    @Test func defaults() throws {
        let command = try serve(["--config", "/etc/imapwatch/imapwatch.yml"])
        #expect(command.config == "/etc/imapwatch/imapwatch.yml")
        #expect(command.listenAddress == ListenAddress(host: "0.0.0.0", port: 9643))
        #expect(command.logLevel == .info)
        #expect(command.logFormat == .logfmt)
        #expect(command.shard == .all)
        #expect(command.concurrency == 64)
    }

    @Test func everyOption() throws {
        let command = try serve([
            "--config", "c.yml", "--web.listen-address", "[::1]:9999", "--log.level", "debug", "--log.format", "json",
            "--shard", "2/5", "--probe.concurrency", "8",
        ])
        #expect(command.listenAddress == ListenAddress(host: "::1", port: 9999))
        #expect(command.logLevel == .debug)
        #expect(command.logFormat == .json)
        #expect(command.shard == Shard(index: 2, count: 5))
        #expect(command.concurrency == 8)
    }

    @Test(arguments: [
        ["--web.listen-address", "9643"], ["--web.listen-address", "host:99999"], ["--shard", "5/5"],
        ["--log.format", "xml"], ["--log.level", "loud"], ["--probe.concurrency", "0"],
    ])
    func rejected(_ extra: [String]) {
        #expect(throws: (any Error).self) { try Imapwatch.parseAsRoot(["serve", "--config", "c.yml"] + extra) }
    }

    @Test func configIsRequired() {
        #expect(throws: (any Error).self) { try Imapwatch.parseAsRoot(["serve"]) }
    }

    @Test(arguments: [
        (":9643", "0.0.0.0", 9643), ("127.0.0.1:0", "127.0.0.1", 0), ("[::]:9643", "::", 9643),
        ("localhost:80", "localhost", 80),
    ])
    func listenAddresses(_ text: String, _ host: String, _ port: Int) throws {
        let address = try #require(ListenAddress(argument: text))
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: ["", ":", "::1:9643", "[::1:9643", "[]:1", "h:-1", "h:65536", "h:9a"])
    func badListenAddresses(_ text: String) {
        #expect(ListenAddress(argument: text) == nil)
    }

    @Test func logfmtLine() {
        var handler = LineLogHandler(label: "imapwatch", format: .logfmt, level: .info)
        handler.clock = { 1_767_225_600.25 }
        let line = handler.line(
            level: .warning, message: "probe failed",
            metadata: ["target": "mail", "server_text": "Authentication failed.", "detail": #"a "b"=c"#])
        #expect(line == #"""
            ts=2026-01-01T00:00:00.250Z level=warning logger=imapwatch msg="probe failed" detail="a \"b\"=c" server_text="Authentication failed." target=mail

            """#)
    }

    @Test func jsonLine() {
        var handler = LineLogHandler(label: "imapwatch", format: .json, level: .info)
        handler.clock = { 1_767_225_600 }
        let line = handler.line(level: .info, message: "x\ny", metadata: ["n": "1"])
        #expect(line == #"{"ts":"2026-01-01T00:00:00.000Z","level":"info","logger":"imapwatch","msg":"x\ny","n":"1"}"# + "\n")
    }

    @Test("log values escape C1 controls, DEL and bidirectional overrides too, in both formats")
    func logValuesEscapeEveryControlCharacter() {
        var handler = LineLogHandler(label: "imapwatch", format: .logfmt, level: .info)
        handler.clock = { 1_767_225_600 }
        let value = "a\u{1B}[2J\u{9B}\u{7F}\u{202E}b"
        #expect(handler.line(level: .info, message: "m", metadata: ["t": "\(value)"]).hasSuffix(
            #"msg=m t="a\u001b[2J\u009b\u007f\u202eb""# + "\n"))
        handler.format = .json
        #expect(handler.line(level: .info, message: "m", metadata: ["t": "\(value)"]).hasSuffix(
            #""t":"a\u001b[2J\u009b\u007f\u202eb"}"# + "\n"))
        #expect(handler.line(level: .info, message: "m", metadata: ["t": "a\u{202E}b"]).hasSuffix(#""t":"a\u202eb"}"# + "\n"))
    }

    @Test func unreadableSecretIsALoginConfigurationFailureWithoutInventedTimings() {
        let settings = ProbeSettings(host: "mail.example.org", port: 993, tlsMode: .implicit)
        let result = ProbeResult.secretUnreadable(
            SecretReference.ReadError("cannot read /etc/imapwatch/pw: no such file"), settings: settings, startedAt: 5)
        #expect(result.failure?.phase == .login)
        #expect(result.failure?.code == .configurationInvalid)
        #expect(result.failure?.message == "cannot read the secret: cannot read /etc/imapwatch/pw: no such file")
        #expect(result.phases.map(\.phase) == Phase.probe)
        #expect(result.phases.allSatisfy { $0.outcome.duration == nil })
    }
}
