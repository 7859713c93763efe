import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on every SIGHUP until graceful shutdown; a ServiceLifecycle `Service`.
///
/// The signal is trapped when the service is made, before anything is served, so a SIGHUP sent as soon as the
/// agent answers never falls on the default action (which would end the process).
struct ReloadSignalService: Service {
    let reloader: ConfigReloader
    let signals: UnixSignalsSequence

    /// Traps SIGHUP now; reloads through `reloader` once running.
    init(reloader: ConfigReloader) async {
        self.reloader = reloader
        self.signals = await UnixSignalsSequence(trapping: .sighup)
    }

    func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() {
            _ = await reloader.reload(trigger: "SIGHUP")
        }
    }
}
