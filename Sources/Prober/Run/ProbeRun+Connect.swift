import Config
import Transport

extension ProbeRun {
    /// The largest partial fetch a probe makes, whatever the settings say.
    static let maxFetchBytes = ProbeSettings.maxFetchBytes

    /// `resolve` then `connect`: every address the name resolves to is tried in order until one answers.
    func resolveAndConnect() async throws(ProbeFailure) {
        let host = settings.host.text
        let port = settings.port
        let resolver = self.resolver
        let addresses = try await timed(.resolve) {
            // An address needs no lookup and cannot block: no race against the deadline (two tasks and a timer).
            if settings.host.isAddress { return try await resolver.resolve(host: host, port: port) }
            return try await DeadlineRace.run(until: deadline, onTimeout: {
                ProbeFailure(code: .timeout, phase: .resolve, message: "name resolution did not finish in time")
            }) {
                try await resolver.resolve(host: host, port: port)
            }
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
