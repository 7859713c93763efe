import Config
import Prober

/// The shape of a Monitoring Plugins output: `SERVICE STATUS - summary | perfdata`, then long output for `-v`,
/// the exit code the assessment's status. `NagiosReport` (a probe) and `MailFlowNagiosReport` (the mail-flow
/// loop) fill in the parts.
public protocol PluginReport {
    /// The service name that starts the status line.
    static var service: String { get }
    /// The judgement the status comes from.
    var assessment: HealthAssessment { get }
    /// The text between `STATUS - ` and ` | `.
    var summary: String { get }
    /// The perfdata after ` | `.
    var perfdata: [Perfdatum] { get }
    /// The lines after the status line for `-v`.
    var longOutput: [String] { get }
    /// Removes the secrets from every line.
    var scrubber: SecretScrubber { get }
}

extension PluginReport {
    /// The plugin's exit code.
    public var exitCode: Int32 { assessment.status.exitCode }

    /// `SERVICE STATUS - summary | perfdata`, secrets scrubbed.
    public var statusLine: String {
        let perf = perfdata.map(\.description).joined(separator: " ")
        let text = "\(Self.service) \(assessment.status.label) - \(summary)"
        return scrubber.scrub(perf.isEmpty ? text : "\(text) | \(perf)")
    }

    /// The whole output: the status line, then with `verbose` the long output lines.
    public func render(verbose: Bool) -> String {
        ([statusLine] + (verbose ? longOutput : [])).joined(separator: "\n")
    }

    /// The status line for a problem before anything ran (bad arguments, unreadable file): exit code 3.
    public static func unknown(_ message: String) -> String {
        "\(service) UNKNOWN - \(message.statusText)"
    }
}
