#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Prober

/// The file `check --mailflow --state-file` keeps between runs: the message this run sent, for the next run to
/// judge. JSON, written whole (a temporary file renamed over it), never holding a secret.
struct MailFlowStateFile {
    /// What one run leaves for the next.
    struct State: Codable, Equatable {
        /// The file's format; a file of another version is read as unreadable.
        var version: Int
        /// The loop the message belongs to; a file of another loop (changed options) is not judged.
        var loop: String
        /// The message's token.
        var token: String
        /// When the submission server accepted it, Unix seconds.
        var acceptedAt: Double
    }

    /// What reading the file found.
    enum Reading: Equatable {
        /// No file: the first run.
        case absent
        /// The message to judge.
        case message(LoopToken, acceptedAt: Double)
        /// A file of another loop: these options never sent it.
        case otherLoop
        /// A file that is not this format (or cannot be read): why.
        case unreadable(String)
    }

    static let version = 1
    /// A state file is a few hundred octets; anything much larger is not one, and is not read whole.
    static let maximumSize = 4096

    let path: String

    /// Reads the file as the loop named `loop` sees it.
    func read(loop: String) -> Reading {
        guard FileManager.default.fileExists(atPath: path) else { return .absent }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .unreadable("cannot read \(path)")
        }
        guard data.count <= Self.maximumSize else { return .unreadable("\(path) is larger than a state file") }
        guard let state = try? JSONDecoder().decode(State.self, from: data), state.version == Self.version,
            state.acceptedAt.isFinite, state.acceptedAt > 0
        else { return .unreadable("\(path) is not an imapwatch mail-flow state file") }
        guard state.loop == LoopToken.loop(identity: loop) else { return .otherLoop }
        guard let token = LoopToken(Substring(state.token)), token.loop == state.loop else {
            return .unreadable("\(path) holds no valid token")
        }
        return .message(token, acceptedAt: state.acceptedAt)
    }

    /// Replaces the file with one naming `token`, accepted at `acceptedAt`.
    func write(token: LoopToken, acceptedAt: Double) throws(CommandFailure) {
        let state = State(version: Self.version, loop: token.loop, token: token.description, acceptedAt: acceptedAt)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(state).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write the state file \(path)")
        }
    }

    /// Removes the file (nothing to judge next time); a file already gone is fine.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
