import Config
import FuzzDriver

extension ConfigError {
    /// Stops the fuzzer unless this error, from loading `text`, names at least one problem and every position it
    /// names (errors and warnings) is inside `text`.
    package func requireWellPlaced(in text: String) {
        FuzzDriver.require(!diagnostics.isEmpty, "a ConfigError without a diagnostic")
        for diagnostic in diagnostics + warnings {
            FuzzDriver.require(
                TextPosition.contains(line: diagnostic.location.line, column: diagnostic.location.column, in: text),
                "\(diagnostic) is outside the text")
        }
    }
}
