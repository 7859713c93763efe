import Foundation
import Testing

/// Runs the built `imapwatch` executable, to prove ArgumentParser's exit code 64 never leaks from `check`.
@Suite("imapwatch binary")
struct BinaryTests {
    /// Runs the binary with an empty environment; standard output and standard error together.
    func run(_ arguments: [String]) async throws -> (code: Int32, output: String) {
        let outcome = try await ImapwatchProcess.run(arguments)
        return (outcome.code, outcome.everything)
    }

    @Test("usage errors exit 3 with 'IMAP UNKNOWN -', not 64", arguments: [
        ["check"], ["check", "-H", "h", "-w", "x"], ["check", "-H", "h", "--no-such-option"],
        ["check", "-H", "h", "--phase-warning", "nophase=1"],
        // Values that would overflow or make no sense are refused before any probe.
        ["check", "-H", "h", "-t", "1e300"], ["check", "-H", "h", "-t", "nan"], ["check", "-H", "h", "-t", "0"],
        ["check", "-H", "h", "--fetch-bytes", "9223372036854775807"], ["check", "-H", "h", "--fetch-bytes", "-1"],
        ["check", "-H", "h", "--quota-warning", "nan"], ["check", "-H", "h", "--quota-critical", "101"],
        ["check", "-H", "h", "--quota-warning", "95", "--quota-critical", "90"],
        ["check", "-H", "h", "--cert-warning", "5", "--cert-critical", "10"],
    ])
    func usageError(arguments: [String]) async throws {
        let (code, output) = try await run(arguments)
        #expect(code == 3)
        #expect(output.hasPrefix("IMAP UNKNOWN - "), "got: \(output)")
    }

    @Test("-V prints the version and exits 3; an unreadable password file is UNKNOWN with its path")
    func versionAndFile() async throws {
        let version = try await run(["check", "-V"])
        #expect(version.code == 3 && version.output.hasPrefix("imapwatch check "))
        let file = try await run(["check", "-H", "h", "-u", "mon", "--password-file", "/nonexistent/pw"])
        #expect(file.code == 3)
        #expect(file.output == "IMAP UNKNOWN - password file: cannot read /nonexistent/pw: no such file\n")
    }

    @Test("--version prints the version alone and exits 0 (answered before the parser, as the parser would)")
    func rootVersion() async throws {
        let version = try await run(["--version"])
        #expect(version.code == 0 && version.output == "0.1.0\n")
    }

    @Test("probe with an unreadable password file says so and exits 3, without usage text")
    func probeUnreadableFile() async throws {
        let file = try await run(["probe", "-H", "h", "-u", "mon", "--password-file", "/nonexistent/pw"])
        #expect(file.code == 3)
        #expect(file.output == "Error: password file: cannot read /nonexistent/pw: no such file\n")
    }
}
