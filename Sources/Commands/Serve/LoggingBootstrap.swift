import ArgumentParser
import Logging
import NIOConcurrencyHelpers

/// The process's one `LoggingSystem.bootstrap`, done by `serve` before anything logs.
///
/// swift-log allows a single bootstrap per process; a second call (a second `serve` run inside one test process)
/// keeps the first and only builds the explicit loggers that `serve` passes around.
enum LoggingBootstrap {
    private static let done = NIOLockedValueBox(false)

    /// A handler factory writing `format` lines at `level` and above.
    static func factory(format: LogFormat, level: Logger.Level) -> @Sendable (String) -> any LogHandler {
        { label in LineLogHandler(label: label, format: format, level: level) }
    }

    /// Bootstraps swift-log with `factory(format:level:)` unless that already happened in this process.
    static func bootstrapOnce(format: LogFormat, level: Logger.Level) {
        let first = done.withLockedValue { done in
            defer { done = true }
            return !done
        }
        if first { LoggingSystem.bootstrap(factory(format: format, level: level)) }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
