import ArgumentParser
import Config
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Prober

/// `imapwatch check`: the Monitoring Plugins (Nagios, Icinga, Naemon) plugin.
///
/// Prints one status line with perfdata (and long output with `-v`) and exits 0 OK, 1 WARNING, 2 CRITICAL,
/// 3 UNKNOWN. Usage errors, `-h` and `-V` exit 3 too, as the Monitoring Plugins' own plugins do, so a command line
/// that never probes can never look OK.
public struct CheckCommand: AsyncParsableCommand {
    /// `_superCommandName` names the root for help text when `check` is parsed on its own (`Imapwatch.execute`),
    /// and spares that parse ArgumentParser's check for a completion-script request, which parses two more
    /// commands on every run (a third of the parse's CPU; completions come from `imapwatch` itself).
    public static let configuration = CommandConfiguration(
        commandName: "check",
        _superCommandName: "imapwatch",
        abstract: "Probe an IMAP server once and report as a Monitoring Plugins (Nagios/Icinga) check.",
        discussion: """
            Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. A failed probe (including name resolution \
            failures and timeouts) is CRITICAL; UNKNOWN is for bad arguments, unreadable files, -h and -V.

            RANGE is the Monitoring Plugins syntax [@]start:end with inclusive ends, in seconds: 10 alerts \
            outside 0..10, 10: below 10, ~:10 above 10, 10:20 outside 10..20, @10:20 inside 10..20.

            Certificate: WARNING when the earliest notAfter of the presented chain is fewer than \
            --cert-warning days away (days left < DAYS, counting fractions of a day), CRITICAL when fewer than \
            --cert-critical days, CRITICAL once expired. An --insecure probe whose certificate did not verify \
            is WARNING.

            Quota: WARNING when any resource of any quota root is more than --quota-warning percent used, \
            CRITICAL when more than --quota-critical percent.

            PHASE is one of: \(Phase.allCases.map(\.rawValue).joined(separator: ", ")).

            Mail flow (--mailflow): submits a message to --smtp-host (default: -H) as --smtp-user (default: -u), \
            to --to (default: -u), then logs in to the mailbox as -u, looks for it in each --folder (default: \
            INBOX and Junk) until --wait seconds after the submission server accepted it, and deletes it by UID. \
            CRITICAL when the submission is refused or the message is not found in time (mail_lost); WARNING when \
            the submission is deferred (4yz), the message arrives after --late-after seconds or in a folder other \
            than the first, or the server cannot expunge by UID. -w/-c are RANGEs on the delivery time.
            """
    )

    /// The probe options shared with `probe`.
    @OptionGroup public var probe: ProbeOptions

    /// The mail-flow loop's options (`--mailflow`, `--smtp-host`, …), shared with `probe`.
    @OptionGroup(title: "Mail flow") public var flow: MailFlowOptions

    @Option(
        name: .shortAndLong, parsing: .unconditional, help: "RANGE on the total time in seconds for WARNING.",
        transform: { try ThresholdRange(parsing: $0) })
    var warning: ThresholdRange?

    @Option(
        name: .shortAndLong, parsing: .unconditional, help: "RANGE on the total time in seconds for CRITICAL.",
        transform: { try ThresholdRange(parsing: $0) })
    var critical: ThresholdRange?

    @Option(
        parsing: .unconditionalSingleValue, help: "PHASE=RANGE on one phase's seconds for WARNING (repeatable).",
        transform: { try PhaseThreshold(parsing: $0) })
    var phaseWarning: [PhaseThreshold] = []

    @Option(
        parsing: .unconditionalSingleValue, help: "PHASE=RANGE on one phase's seconds for CRITICAL (repeatable).",
        transform: { try PhaseThreshold(parsing: $0) })
    var phaseCritical: [PhaseThreshold] = []

    @Option(help: "WARNING when the certificate expires in fewer than DAYS days.")
    var certWarning = 20

    @Option(help: "CRITICAL when the certificate expires in fewer than DAYS days.")
    var certCritical = 10

    @Option(help: "WARNING when any quota resource is more than PCT percent used.")
    var quotaWarning: Double = 80

    @Option(help: "CRITICAL when any quota resource is more than PCT percent used.")
    var quotaCritical: Double = 90

    /// How often `-v` was given; any number above 0 adds long output.
    @Flag(name: .shortAndLong, help: "Long output: one line per phase, TLS, certificate, quota and mailbox facts.")
    public var verbose: Int

    /// `-V/--version`: print the version and exit 3.
    @Flag(name: [.customShort("V"), .customLong("version")], help: "Print the version and exit (with 3, UNKNOWN).")
    public var version = false

    /// A command with every default; ArgumentParser fills it from the command line.
    public init() {}

    public func validate() throws {
        if !version, probe.hostname == nil {
            throw ValidationError("missing -H/--hostname")
        }
        guard certWarning >= certCritical else {
            throw ValidationError("--cert-warning (\(certWarning)) must not be below --cert-critical (\(certCritical))")
        }
        for (name, value) in [("--quota-warning", quotaWarning), ("--quota-critical", quotaCritical)]
        where !(0...100).contains(value) {
            throw ValidationError("\(name) must be a percentage from 0 to 100, not \(value)")
        }
        guard quotaWarning <= quotaCritical else {
            throw ValidationError("--quota-warning (\(quotaWarning)) must not be above --quota-critical (\(quotaCritical))")
        }
    }

    /// The thresholds the options describe.
    public var thresholds: HealthThresholds {
        HealthThresholds(
            totalWarning: warning, totalCritical: critical,
            phaseWarning: PhaseThreshold.table(phaseWarning), phaseCritical: PhaseThreshold.table(phaseCritical),
            certificateDaysWarning: certWarning, certificateDaysCritical: certCritical,
            quotaPercentWarning: quotaWarning, quotaPercentCritical: quotaCritical)
    }

    public mutating func run() async throws {
        if version {
            print("imapwatch check \(ImapwatchVersion.current)")
            throw ExitCode(HealthStatus.unknown.exitCode)
        }
        let settings: ProbeSettings
        do {
            settings = try probe.settings(environment: ProcessInfo.processInfo.environment)
        } catch {
            print(NagiosReport.unknown(error.message))
            throw ExitCode(HealthStatus.unknown.exitCode)
        }
        if flow.mailflow {
            try await runMailFlow(mailbox: settings)
        }
        let secrets = settings.credentials.map { [$0.secret] } ?? []
        // Scrubbed before it is judged: the status line's detail is flattened to one line after this.
        let result = await Prober().probe(settings, keepingTranscript: false).scrubbing(SecretScrubber(secrets))
        let now = Date().timeIntervalSince1970
        let thresholds = self.thresholds
        let assessment = HealthEvaluator().evaluate(result, thresholds: thresholds, now: now)
        let report = NagiosReport(result: result, assessment: assessment, thresholds: thresholds, secrets: secrets)
        print(report.render(verbose: verbose > 0))
        throw ExitCode(report.exitCode)
    }

    /// `--mailflow`: one whole loop, waiting for the message up to `--wait`; the status line judges it. Never
    /// returns: it exits with the verdict.
    private func runMailFlow(mailbox: ProbeSettings) async throws -> Never {
        let settings: MailFlowSettings
        do {
            settings = try flow.settings(mailbox: mailbox, environment: ProcessInfo.processInfo.environment)
        } catch {
            print(MailFlowNagiosReport.unknown(error.message))
            throw ExitCode(HealthStatus.unknown.exitCode)
        }
        let secrets = [mailbox.credentials?.secret, settings.submission.password].compactMap { $0 }
        var notes: [HealthFinding] = []
        let result: MailFlowResult
        if let path = flow.stateFile {
            (result, notes) = await Self.judgePreviousThenSend(settings, state: MailFlowStateFile(path: path))
        } else {
            result = await MailFlowProber().run(settings)
        }
        // -w/-c judge the delivery time here (unless --phase-warning/critical delivery= says otherwise): the
        // mailbox session's total includes the wait, which is no measure of anything.
        var thresholds = self.thresholds
        thresholds.phaseWarning[.delivery] = thresholds.phaseWarning[.delivery] ?? warning
        thresholds.phaseCritical[.delivery] = thresholds.phaseCritical[.delivery] ?? critical
        thresholds.totalWarning = nil
        thresholds.totalCritical = nil
        let judged = MailFlowEvaluator().evaluate(result, thresholds: thresholds, now: Date().timeIntervalSince1970)
        let assessment = HealthAssessment(
            findings: notes + judged.findings, certificateDaysLeft: judged.certificateDaysLeft)
        let report = MailFlowNagiosReport(
            result: result, assessment: assessment, thresholds: thresholds, wait: settings.deliveryTimeout,
            secrets: secrets)
        print(report.render(verbose: verbose > 0))
        throw ExitCode(report.exitCode)
    }

    /// The non-blocking mode: looks for the message the previous run sent (its token in `state`; the wait is what
    /// is left of `--wait` since its acceptance, none when the runs are further apart), then sends one for the
    /// next run and records it. The result joins this run's submission and the previous message's mailbox session;
    /// the notes say when there was nothing to judge.
    private static func judgePreviousThenSend(_ settings: MailFlowSettings, state: MailFlowStateFile) async
        -> (MailFlowResult, [HealthFinding])
    {
        let prober = MailFlowProber()
        var notes: [HealthFinding] = []
        var looked: (token: LoopToken, mailbox: ProbeResult)?
        switch state.read(loop: settings.identity) {
        case .message(let token, let acceptedAt):
            looked = (token, await prober.look(for: token, acceptedUnix: acceptedAt, settings))
        case .absent:
            notes.append(HealthFinding(
                subject: .delivery, status: .ok, text: "no earlier message to judge: the next run judges this one"))
        case .otherLoop:
            notes.append(HealthFinding(
                subject: .delivery, status: .ok,
                text: "the state file names another loop (changed options): the next run judges this one"))
        case .unreadable(let reason):
            notes.append(HealthFinding(subject: .delivery, status: .unknown, text: "\(reason); started over"))
        }
        var result = await prober.send(settings)
        if let acceptedUnix = result.acceptedUnix {
            do {
                try state.write(token: result.token, acceptedAt: acceptedUnix)
            } catch {
                notes.append(HealthFinding(subject: .delivery, status: .unknown, text: error.message))
            }
        } else {
            // Nothing was sent for the next run to judge.
            state.remove()
        }
        if let looked {
            result.token = looked.token
            result.mailbox = looked.mailbox
        }
        return (result, notes)
    }
}
