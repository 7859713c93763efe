import Config
import Prober

extension ProbeResult {
    /// The result of a scheduled probe that could not start because its secret could not be read: failed in
    /// `login` with `configuration_invalid`, every phase not reached (no phase timings are invented).
    ///
    /// `error` names the file or variable, never the secret's value.
    static func secretUnreadable(
        _ error: SecretReference.ReadError, settings: ProbeSettings, startedAt: Double
    ) -> ProbeResult {
        ProbeResult(
            host: settings.host.text, port: settings.port, tlsMode: settings.tlsMode, startedAt: startedAt,
            phases: Phase.probe.map { PhaseRecord(phase: $0, outcome: .skipped(.notReached)) },
            totalDuration: .zero,
            failure: ProbeFailure(
                code: .configurationInvalid, phase: .login, message: "cannot read the secret: \(error.message)"))
    }
}
