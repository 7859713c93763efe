import Foundation
import Testing

/// Makes bcrypt hashes with Apache's `htpasswd -nbBC` (Debian's `apache2-utils`), the tool people use to write
/// `basic_auth_users`, so the tests check hashes imapwatch did not make itself.
///
/// `IMAPWATCH_REQUIRE_DOVECOT=1` is CI mode: there a missing htpasswd is a test failure, never a skip.
public struct Htpasswd: Sendable {
    /// The htpasswd binary.
    public let executable: URL

    /// A failed run.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// htpasswd from `PATH`, or `nil` after recording a failure (CI mode) or printing a loud skip.
    public static func require() -> Htpasswd? {
        RequiredTool.find("htpasswd", package: "apache2-utils").map { Htpasswd(executable: $0) }
    }

    /// The `$2y$` bcrypt hash of `password` at `cost`, as `htpasswd -nbBC cost user password` prints it.
    public func bcryptHash(user: String = "user", password: String, cost: Int = 10) throws -> String {
        let run = try ToolRun.run(executable, ["-nbBC", String(cost), user, password])
        let line = run.output.split(separator: "\n").first.map(String.init) ?? ""
        guard run.status == 0, line.hasPrefix("\(user):$2y$") else {
            throw Failure(description: "htpasswd exited \(run.status): \(run.output)")
        }
        return String(line.dropFirst(user.count + 1))
    }
}
