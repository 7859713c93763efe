import Foundation

/// The tables of the repository's README, read for the tests that keep the reference sections true to the code.
public struct ReadmeTables {
    /// README.md's lines.
    public let lines: [String]

    /// Reads README.md at the repository root (found from this file's path).
    public init() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        lines = text.components(separatedBy: "\n")
    }

    /// The lines of the `## heading` section, up to the next `## ` heading.
    public func section(_ heading: String) -> [String] {
        guard let start = lines.firstIndex(of: "## " + heading) else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        return Array(lines[(start + 1)..<end])
    }

    /// The rows (cells, trimmed) of the first table at or after the first line starting with `marker` in
    /// `lines` (a heading before the table, or the table's header line itself), header and rule left out.
    public static func table(at marker: String, in lines: [String]) -> [[String]] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix(marker) }),
            let first = lines[start...].firstIndex(where: { $0.hasPrefix("|") })
        else { return [] }
        let end = lines[first...].firstIndex { !$0.hasPrefix("|") } ?? lines.endIndex
        return lines[first..<end].dropFirst(2).map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The text between the first pair of backticks in `cell` (`` `name` `` → `name`), or `nil`.
    public static func code(_ cell: String) -> String? {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }
}
