import ArgumentParser
import Config
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Prober

/// `imapwatch probe`: the same probe for a person, as a waterfall with facts, or as JSON for scripts.
///
/// Exits with the Monitoring Plugins code of the result under default thresholds (0 when all is well), or 3
/// when a secret file cannot be read.
public struct ProbeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe an IMAP server once and show each phase, the TLS, certificate and quota facts."
    )

    /// The probe options shared with `check`.
    @OptionGroup public var probe: ProbeOptions

    /// The mail-flow loop's options (`--mailflow`, `--smtp-host`, …), shared with `check`.
    @OptionGroup(title: "Mail flow") public var flow: MailFlowOptions

    @Flag(help: "Also print the IMAP conversation (C:/S: lines), credentials replaced by <redacted>.")
    var transcript = false

    @Flag(help: "Print the whole result as JSON instead.")
    var json = false

    /// A command with every default; ArgumentParser fills it from the command line.
    public init() {}

    public func validate() throws {
        if probe.hostname == nil { throw ValidationError("missing -H/--hostname") }
    }

    public mutating func run() async throws {
        let settings: ProbeSettings
        do {
            settings = try probe.settings(environment: ProcessInfo.processInfo.environment)
        } catch {
            // Known only once files are read: not a usage error, so no usage text; 3 as for `check`.
            ParseFailureReport(exitCode: 3, standardOutput: "", standardError: "Error: \(error.message)").write()
            throw ExitCode(3)
        }
        if flow.mailflow {
            try await runMailFlow(mailbox: settings)
            return
        }
        let result = await Prober().probe(settings)
        let now = Date().timeIntervalSince1970
        let report = ProbeReport(
            result: result, now: now, showTranscript: transcript,
            secrets: settings.credentials.map { [$0.secret] } ?? [])
        print(json ? try report.renderJSON() : report.render())
        let status = HealthEvaluator().evaluate(result, thresholds: HealthThresholds(), now: now).status
        if status != .ok { throw ExitCode(status.exitCode) }
    }

    /// `--mailflow`: one run of the loop, shown with both sessions; exits with its status.
    private func runMailFlow(mailbox: ProbeSettings) async throws {
        let settings: MailFlowSettings
        do {
            settings = try flow.settings(mailbox: mailbox, environment: ProcessInfo.processInfo.environment)
        } catch {
            ParseFailureReport(exitCode: 3, standardOutput: "", standardError: "Error: \(error.message)").write()
            throw ExitCode(3)
        }
        let result = await MailFlowProber().run(settings, keepingTranscript: transcript || json)
        let now = Date().timeIntervalSince1970
        let assessment = MailFlowEvaluator().evaluate(result, thresholds: HealthThresholds(), now: now)
        let secrets = [mailbox.credentials?.secret, settings.submission.password].compactMap { $0 }
        let report = MailFlowReport(
            result: result, assessment: assessment, now: now, showTranscript: transcript || json, secrets: secrets)
        print(json ? try report.renderJSON() : report.render())
        if assessment.status != .ok { throw ExitCode(assessment.status.exitCode) }
    }
}
