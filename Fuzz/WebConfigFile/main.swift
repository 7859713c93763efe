import Config
import Foundation
import FuzzConfigChecks
import FuzzDriver

// Web configuration text (`--web.config.file`) through `WebConfigLoader`.
//
// Properties beyond "no trap":
// - a file that loads has users whose hashes are bcrypt hashes (they parse again to themselves) and whose
//   `description` never shows the salt or hash; its TLS paths are absolute, as `WebTLSConfiguration` promises;
// - a file that does not load says why at least once, and every position named is inside the text.
//
// Relative `cert_file`/`key_file` paths resolve against IMAPWATCH_FUZZ_FILES (see scripts/fuzz.sh).

let baseDirectory = ProcessInfo.processInfo.environment["IMAPWATCH_FUZZ_FILES"] ?? "/nonexistent"

FuzzDriver.main { bytes in
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let configuration: WebConfiguration
    do throws(ConfigError) {
        configuration = try WebConfigLoader().load(yaml: text, file: "web.yml", baseDirectory: baseDirectory)
    } catch {
        error.requireWellPlaced(in: text)
        return
    }
    for (user, hash) in configuration.basicAuthUsers {
        FuzzDriver.require(BcryptHash(hash.text) == hash, "the hash of \(user) does not parse again")
        FuzzDriver.require(
            !hash.description.contains(String(hash.text.dropFirst(7))), "the description of \(user)'s hash shows it")
    }
    if let tls = configuration.tls {
        FuzzDriver.require(
            tls.certificateFile.hasPrefix("/") && tls.keyFile.hasPrefix("/"),
            "relative TLS paths \(tls.certificateFile), \(tls.keyFile)")
    }
}
