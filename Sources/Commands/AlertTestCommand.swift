import Alerting
import ArgumentParser
import Config
import Prober
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `imapwatch alert test [RECEIVER] --config FILE`: sends one test notification to a receiver (or to each) now,
/// in its own format, and says what the receiver answered.
///
/// The message goes straight to the receiver, not through the daemon's queue, and is tried once. Exits 0 when
/// every receiver tested took it (2xx), 1 otherwise or when the file is invalid.
public struct AlertTestCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test notification to a receiver (or every receiver) and show its answer.",
        discussion: """
            The test alert is target 'imapwatch-test', condition 'test' (alertname IMAPTest), severity warning; \
            with --resolved a second message resolves it (an Alertmanager otherwise keeps it for its \
            resolve_timeout). The receiver's URL and headers are read from their files or variables as serve \
            reads them, and never printed.
            """
    )

    @Argument(help: "The receiver's name in alerts.receivers; every receiver when left out.")
    var receiver: String?

    @Option(name: .customLong("config"), help: "The YAML configuration file.")
    var config: String

    @Flag(name: .customLong("resolved"), help: "Follow the test alert with its resolution.")
    var resolved = false

    /// A command with every default; ArgumentParser fills it from the command line.
    public init() {}

    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let receivers: AlertReceivers
        do {
            let loaded = try ConfigLoader(environment: environment).load(path: config)
            guard let found = try AlertReceivers.of(loaded, site: "", environment: environment) else {
                throw CommandFailure("\(config) has no alerts: section")
            }
            receivers = found
        } catch let error as ConfigError {
            throw CommandFailure((error.warnings.map(\.description) + [error.description]).joined(separator: "\n"))
        }
        let names = receivers.endpoints.map(\.name)
        let chosen = try receiver.map { name in
            guard names.contains(name) else {
                throw CommandFailure("no receiver '\(name)' in \(config); its receivers: \(names.joined(separator: ", "))")
            }
            return [name]
        } ?? names
        var allDelivered = true
        let client = WebhookClient()
        for name in chosen {
            guard let format = receivers.formats[name], let endpoint = receivers.endpoints.first(where: { $0.name == name })
            else { continue }
            let kind = receivers.configuration.receiver(named: name)?.kind.rawValue ?? "?"
            for notification in Self.notifications(resolved: resolved) {
                let line = await Self.send(notification, format: format, endpoint: endpoint, client: client)
                print("\(name) (\(kind)), \(notification.status.rawValue): \(line.text)")
                allDelivered = allDelivered && line.delivered
            }
        }
        if !allDelivered { throw ExitCode(1) }
    }

    /// The test alert, and its resolution when `resolved`.
    static func notifications(resolved: Bool, now: Double = Date().timeIntervalSince1970) -> [AlertNotification] {
        let host = ProcessInfo.processInfo.hostName
        let firing = AlertNotification(
            status: .firing, level: .warning, target: "imapwatch-test", condition: "test",
            summary: "test notification from imapwatch on \(host); no action needed", since: now,
            labels: ["host": host])
        var resolution = firing
        resolution.status = .resolved
        resolution.resolvedAt = now
        return resolved ? [firing, resolution] : [firing]
    }

    /// One attempt: `delivered` and a line saying how it went.
    static func send(
        _ notification: AlertNotification, format: ReceiverFormat, endpoint: ReceiverEndpoint, client: WebhookClient
    ) async -> (delivered: Bool, text: String) {
        let request: WebhookRequest
        do {
            request = try endpoint.request(body: try format.body(for: [notification]))
        } catch {
            return (false, "not sent: \(error)")
        }
        let started = ContinuousClock.now
        let result = await client.send(request)
        let seconds = HealthEvaluator.secondsNumber((ContinuousClock.now - started).inSeconds)
        let answer = result.responsePrefix.isEmpty ? "" : ": \(result.responsePrefix)"
        switch (result.verdict, result.status) {
        case (.delivered, let status?): return (true, "delivered, HTTP \(status) in \(seconds) s")
        case (_, let status?): return (false, "failed, HTTP \(status) in \(seconds) s\(answer)")
        default: return (false, "failed: \(result.transportError ?? "no answer") after \(seconds) s")
        }
    }
}
