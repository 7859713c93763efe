#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks at load time that a referenced file can be read, with a short reason when not.
enum FileCheck {
    /// `nil` when `path` is a readable regular file, else why not (`no such file`, `permission denied`, ...).
    static func problem(at path: String) -> String? {
        // What `FileManager.fileExists(atPath:isDirectory:)` answers (symbolic links followed), without `ObjCBool`,
        // which only the full Foundation has.
        var status = stat()
        guard stat(path, &status) == 0 else { return "no such file" }
        if status.st_mode & S_IFMT == S_IFDIR { return "it is a directory" }
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: path))
            return nil
        } catch {
            return reason(error)
        }
    }

    /// A short reason for a failed read.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? CocoaError else { return "unreadable" }
        switch error.code {
        case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
        case .fileReadNoPermission: return "permission denied"
        default: return "unreadable"
        }
    }

    /// The folder of the file at `path` (made absolute against the working directory): where the relative paths
    /// written in that file are taken from.
    static func directory(of path: String) -> String {
        let absolute = absolute(path, in: FileManager.default.currentDirectoryPath)
        let directory = absolute.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return directory.isEmpty ? "/" : directory
    }

    /// `path` made absolute against `directory` (the configuration file's folder), as Prometheus does.
    static func absolute(_ path: String, in directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
