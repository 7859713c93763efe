#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a password or token file for the command line, with errors that name the file but not its content.
public enum SecretFile {
    /// The file's content as UTF-8; throws `CommandFailure` naming `path` and the reason.
    public static func read(_ path: String) throws(CommandFailure) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError {
            throw CommandFailure("cannot read \(path): \(reason(error))")
        } catch {
            throw CommandFailure("cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("cannot read \(path): not UTF-8 text")
        }
        return text
    }

    private static func reason(_ error: CocoaError) -> String {
        switch error.code {
        case .fileReadNoSuchFile, .fileNoSuchFile: "no such file"
        case .fileReadNoPermission: "permission denied"
        default: "unreadable"
        }
    }
}
