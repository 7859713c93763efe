import Config

/// Runs one probe of one IMAP server and returns what happened as plain data.
public struct Prober: Sendable {
    public init() {}

    /// Probes the server described by `settings`. Never throws: every failure is in the result.
    public func probe(_ settings: ProbeSettings) async -> ProbeResult {
        let phases = Phase.allCases.map { PhaseRecord(phase: $0, outcome: .skipped(.notReached)) }
        return ProbeResult(
            host: settings.host,
            port: settings.port,
            tlsMode: settings.tlsMode,
            startedAt: 0,
            phases: phases,
            totalDuration: .zero,
            failure: ProbeFailure(code: .internalError, phase: .resolve, message: "not implemented yet")
        )
    }
}
