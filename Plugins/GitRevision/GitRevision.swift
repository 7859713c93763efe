import Foundation
import PackagePlugin

/// Build-tool plugin: writes `GitRevision.swift` into the target it is applied to, holding the commit the package
/// was built from (`GitRevisionTool` reads `.git` itself; see there).
///
/// The command's inputs are the git files that name the commit (`HEAD`, the branch's ref file, `packed-refs`,
/// the index) and every source file of the package, so a commit, a checkout or an edit re-runs the tool; the tool
/// rewrites its output only when the text changes, so an unchanged revision recompiles nothing.
@main
struct GitRevision: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GitRevision.swift")
        var inputs = GitFiles(packageRoot: root).existing
        for case let module as any SourceModuleTarget in context.package.targets {
            inputs += module.sourceFiles.map(\.url)
        }
        inputs.append(root.appendingPathComponent("Package.swift"))
        return [
            .buildCommand(
                displayName: "Reading the git revision of \(context.package.displayName)",
                executable: try context.tool(named: "GitRevisionTool").url,
                arguments: [root.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}

/// The files under `.git` whose change means another commit (or another state of the index).
///
/// A worktree's `.git` is a file (`gitdir: …`); its gitdir holds `HEAD` and `index`, and `commondir` points at
/// the shared folder with `refs/` and `packed-refs`.
struct GitFiles {
    let existing: [URL]

    init(packageRoot: URL) {
        let fileManager = FileManager.default
        let dotGit = packageRoot.appendingPathComponent(".git")
        var gitDir = dotGit
        if let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") {
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : packageRoot.appendingPathComponent(path)
        }
        var commonDir = gitDir
        if let text = try? String(contentsOf: gitDir.appendingPathComponent("commondir"), encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            commonDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDir.appendingPathComponent(path)
        }
        var candidates = [
            gitDir.appendingPathComponent("HEAD"), gitDir.appendingPathComponent("index"),
            commonDir.appendingPathComponent("packed-refs"),
        ]
        if let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8),
            head.hasPrefix("ref:")
        {
            let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            candidates.append(gitDir.appendingPathComponent(ref))
            candidates.append(commonDir.appendingPathComponent(ref))
        }
        existing = candidates.filter { fileManager.fileExists(atPath: $0.path) }
    }
}
