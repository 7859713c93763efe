import Foundation
import TestSupport

/// What git says about the checkout the tests were built from, to compare with the binary's build revision.
enum GitCheckout {
    /// The package's root folder (this file is `Tests/CommandsTests/Support/GitCheckout.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `git rev-parse --short=7 HEAD`, plus `+dirty` when `git status` lists changed tracked files; `unknown` when
    /// the package is not a git checkout. (`--short` alone grows past 7 digits in large repositories.)
    static func expectedRevision() throws -> String {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return "unknown" }
        let hash = try git(["rev-parse", "--short=7", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let changes = try git(["--no-optional-locks", "status", "--porcelain", "--untracked-files=no"])
        return hash + (changes.isEmpty ? "" : "+dirty")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `git -C root arguments`' standard output; throws unless it exits 0.
    static func git(_ arguments: [String]) throws -> String {
        let run = try ToolRun.run(tool: "git", ["-C", root.path] + arguments, standardError: .discarded)
        guard run.status == 0 else {
            throw Failure(description: "git \(arguments.joined(separator: " ")) exited \(run.status)")
        }
        return run.output
    }
}
