import Foundation

/// A git checkout's metadata, read from the files under `.git` without running git.
///
/// In a plain clone `.git` is a folder; in a worktree (and a submodule) it is a file `gitdir: PATH`, and that gitdir
/// holds `HEAD` while a `commondir` file points at the folder with the shared `refs/` and `packed-refs`.
struct GitRepository {
    /// The folder with this checkout's `HEAD`.
    let gitDirectory: URL
    /// The folder with the shared refs (the same as `gitDirectory` outside worktrees).
    let commonDirectory: URL

    /// The repository whose `.git` is directly in `packageRoot`, or `nil` when there is none.
    init?(packageRoot: URL) {
        let dotGit = packageRoot.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            gitDirectory = dotGit
        } else {
            guard let text = Self.read(dotGit), text.hasPrefix("gitdir:") else { return nil }
            gitDirectory = Self.resolve(String(text.dropFirst("gitdir:".count)), against: packageRoot)
        }
        if let common = Self.read(gitDirectory.appendingPathComponent("commondir")) {
            commonDirectory = Self.resolve(common, against: gitDirectory)
        } else {
            commonDirectory = gitDirectory
        }
    }

    /// The full hash `HEAD` points at (following symbolic refs), or `nil` when it cannot be found (an unborn
    /// branch, a reftable repository).
    func headCommit() -> String? {
        guard var value = Self.read(gitDirectory.appendingPathComponent("HEAD")) else { return nil }
        for _ in 0..<5 {
            guard value.hasPrefix("ref:") else { return Self.isHash(value) ? value.lowercased() : nil }
            let name = value.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
            guard let next = reference(named: name) else { return nil }
            value = next
        }
        return nil
    }

    /// The content of ref `name`: the worktree's own loose ref, the shared loose ref, then `packed-refs`.
    func reference(named name: String) -> String? {
        guard !name.contains(".."), name.hasPrefix("refs/") || name == "HEAD" else { return nil }
        for directory in [gitDirectory, commonDirectory] {
            if let loose = Self.read(directory.appendingPathComponent(name)) { return loose }
        }
        guard let packed = Self.read(commonDirectory.appendingPathComponent("packed-refs")) else { return nil }
        for line in packed.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2, fields[1] == name { return String(fields[0]) }
        }
        return nil
    }

    /// Whether tracked files differ from `HEAD` (`git status`, without optional locks so the index is left
    /// alone); `nil` when git is not on the `PATH` or fails.
    func hasTrackedChanges(packageRoot: URL) -> Bool? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard
            let git = path.split(separator: ":").map({ URL(fileURLWithPath: String($0)).appendingPathComponent("git") })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else { return nil }
        let process = Process()
        process.executableURL = git
        process.arguments = [
            "--no-optional-locks", "-C", packageRoot.path, "status", "--porcelain", "--untracked-files=no",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return !data.isEmpty
    }

    /// A file's text without surrounding white space, or `nil` when it cannot be read.
    static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `path` (trimmed) taken relative to `base` unless it is absolute.
    static func resolve(_ path: String, against base: URL) -> URL {
        let trimmed = path.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("/")
            ? URL(fileURLWithPath: trimmed, isDirectory: true)
            : base.appendingPathComponent(trimmed, isDirectory: true).standardizedFileURL
    }

    /// Whether `text` is a SHA-1 or SHA-256 object name.
    static func isHash(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
    }
}
