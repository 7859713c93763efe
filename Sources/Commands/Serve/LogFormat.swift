import ArgumentParser

/// How `serve` writes its log lines: `logfmt` (the default) or `json`, one line per event on standard error.
public enum LogFormat: String, Sendable, CaseIterable, ExpressibleByArgument {
    /// `ts=... level=info msg="..." key=value`.
    case logfmt
    /// `{"ts":"...","level":"info","msg":"...","key":"value"}`.
    case json
}
