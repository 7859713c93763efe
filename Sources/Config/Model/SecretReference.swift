#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a password or token comes from. The configuration holds the reference; `read` gets the value.
///
/// The loader checks at load time that a file is readable and a variable is set, so a broken reference is a
/// configuration error; the value itself is read again at every probe, so a rotated token file or a changed
/// password needs no reload.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// A file holding the secret; one trailing line ending is ignored. The path is absolute after loading.
    case file(path: String)
    /// An environment variable holding the secret.
    case environment(variable: String)
    /// The secret written in the configuration file itself (accepted with a warning).
    case inline(Secret)

    /// Why a secret could not be read. The description names the file or variable, never the value.
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What went wrong (`cannot read /etc/imapwatch/pw: no such file`).
        public var message: String

        /// An error saying `message`.
        public init(_ message: String) { self.message = message }

        public var description: String { message }
    }

    /// Reads the secret now, from the file or from `environment`; an empty secret is an error.
    public func read(environment: [String: String]) throws(ReadError) -> Secret {
        switch self {
        case .inline(let secret):
            return secret
        case .environment(let variable):
            guard let value = environment[variable], !value.isEmpty else {
                throw ReadError("environment variable \(variable) is not set or empty")
            }
            return Secret(value)
        case .file(let path):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw ReadError("cannot read \(path): \(FileCheck.reason(error))")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ReadError("cannot read \(path): not UTF-8 text")
            }
            var value = Substring(text)
            while let last = value.last, last == "\n" || last == "\r" || last == "\r\n" { value = value.dropLast() }
            guard !value.isEmpty else { throw ReadError("\(path) is empty") }
            return Secret(String(value))
        }
    }

    /// `file /path`, `env NAME` or `inline <redacted>`.
    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .environment(let variable): "env \(variable)"
        case .inline: "inline <redacted>"
        }
    }
}
