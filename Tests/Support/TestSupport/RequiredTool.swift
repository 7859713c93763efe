import Foundation
import Testing

/// A command-line tool the tests need from Debian: found on `PATH`, or a recorded failure in CI mode
/// (`IMAPWATCH_REQUIRE_DOVECOT=1`) and a loud skip elsewhere.
public enum RequiredTool {
    /// The executable `name` on `PATH`; `nil` after recording or printing that package `package` is missing.
    public static func find(_ name: String, package: String) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
        }
        if environment["IMAPWATCH_REQUIRE_DOVECOT"] == "1" {
            Issue.record("IMAPWATCH_REQUIRE_DOVECOT=1 but \(name) is missing (apt-get install \(package))")
        } else {
            print("⚠️  SKIPPED: \(name) not found; install Debian's \(package) (scripts/bootstrap-debian.sh)")
        }
        return nil
    }
}
