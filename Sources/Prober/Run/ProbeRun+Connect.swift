import Config
import Transport

extension ProbeRun {
    /// The largest partial fetch a probe makes, whatever the settings say.
    static let maxFetchBytes = ProbeSettings.maxFetchBytes

    /// `resolve` then `connect`: every address the name resolves to is tried in order until one answers.
    func resolveAndConnect() async throws(ProbeFailure) {
        let addresses = try await timed(.resolve) {
            try await resolver.resolve(settings.host, port: settings.port, until: deadline)
        }
        result.resolvedAddresses = addresses.map(\.description)
        let (connection, report) = try await timed(.connect) {
            try await TransportConnection.connect(to: addresses, deadline: deadline, group: threads.group)
        }
        for attempt in report.failedAttempts {
            transcript.note("connect to \(attempt.address) failed: \(attempt.error.message)")
        }
        transcript.note("connected to \(report.connectedAddress)")
        self.connection = connection
        result.connectedAddress = report.connectedAddress.description
    }
}
