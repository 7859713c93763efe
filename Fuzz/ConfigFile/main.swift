import Config
import Foundation
import FuzzConfigChecks
import FuzzDriver

// Configuration text through `ConfigLoader`, as `imapwatch config check` and `serve` load it.
//
// Properties beyond "no trap":
// - a file that loads renders (`redactedDescription`, what `config check` prints) to text that loads again and
//   renders to the same text, as the renderer promises;
// - a file that does not load says why at least once, and every position named is inside the text.
//
// Relative paths (`password_file: secrets/...`, `template_file:`) resolve against IMAPWATCH_FUZZ_FILES, the config
// test fixtures' folder in scripts/fuzz.sh, so fuzzed files can name files that exist.

let baseDirectory = ProcessInfo.processInfo.environment["IMAPWATCH_FUZZ_FILES"] ?? "/nonexistent"
let loader = ConfigLoader(environment: [
    "IMAPWATCH_TEST_PASSWORD": "fuzz-password",
    "IMAPWATCH_TEST_WEBHOOK_URL": "https://ntfy.example.org/?token=fuzz",
])

FuzzDriver.main { bytes in
    // The loader is given text; a file that is not UTF-8 is refused before it (ConfigFileText).
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let loaded: LoadedConfiguration
    do throws(ConfigError) {
        loaded = try loader.load(yaml: text, file: "fuzz.yml", baseDirectory: baseDirectory)
    } catch {
        error.requireWellPlaced(in: text)
        return
    }
    let rendered = loaded.redactedDescription
    do {
        let again = try loader.load(yaml: rendered, file: "effective.yml", baseDirectory: baseDirectory)
        FuzzDriver.require(
            again.redactedDescription == rendered,
            "the effective configuration renders differently after loading again:\n\(rendered)\n---\n"
                + again.redactedDescription)
    } catch {
        FuzzDriver.require(false, "the effective configuration does not load again: \(error)\n\(rendered)")
    }
}
