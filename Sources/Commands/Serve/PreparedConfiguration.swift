import Alerting
import Config
import Exposition
import Logging

/// One configuration made ready to run, everything that can fail already done and nothing running changed: the
/// configuration file and the web configuration file parsed, the receivers' templates compiled, the endpoints'
/// certificate and key loaded, and the alert storage opened and locked when alerting starts with it.
///
/// `serve` prepares the configuration it starts with and every reload the same way (`prepare`), so a file that
/// would not start is never half applied by a reload: committing a preparation cannot fail, and dropping one
/// lets go of what it opened.
struct PreparedConfiguration: Sendable {
    /// The configuration file, loaded (every target, before sharding).
    let loaded: LoadedConfiguration
    /// The web configuration file, when one is given.
    let web: WebConfiguration?
    /// The endpoints' certificate and key, when the web configuration has `tls_server_config`.
    let tls: WebTLS.Context?
    /// The `alerts:` section ready to apply; `nil` without one.
    let alerting: AlertService.Preparation?
    /// The agent's own URL the receivers link to.
    let site: String

    /// Why a configuration cannot run; `description` names the file or the path at fault (never a secret).
    struct Failure: Error, CustomStringConvertible {
        /// The configuration's warnings, when the file itself was rejected (else they were logged).
        var warnings: [String] = []
        var description: String
    }

    /// Prepares the configuration in `path` (and `webConfigFile`), in the order start and reload share: the
    /// files, the receivers (linking to `site(web)`), the certificate, last the alert storage through `alerts`.
    /// The configuration's warnings are logged.
    static func prepare(
        path: String, webConfigFile: String?, loader: ConfigLoader, environment: [String: String],
        site: (WebConfiguration?) -> String, alerts: AlertService, logger: Logger
    ) async throws(Failure) -> PreparedConfiguration {
        let loaded: LoadedConfiguration
        let web: WebConfiguration?
        do {
            loaded = try loader.load(path: path)
            web = try webConfigFile.map { file throws(ConfigError) in try WebConfigLoader().load(path: file) }
        } catch {
            throw Failure(warnings: error.warnings.map(\.description), description: error.description)
        }
        for warning in loaded.warnings {
            logger.warning("configuration warning", metadata: ["detail": "\(warning.description)"])
        }
        let site = site(web)
        let receivers: AlertReceivers?
        do {
            receivers = try AlertReceivers.of(loaded, site: site, environment: environment)
        } catch {
            throw Failure(description: "\(path): \(error)")
        }
        let tls: WebTLS.Context?
        do {
            tls = try web?.tls.map(WebTLS.Context.init)
        } catch {
            throw Failure(description: "\(webConfigFile ?? "web configuration"): tls_server_config: \(error.message)")
        }
        let alerting: AlertService.Preparation?
        do {
            alerting = try await alerts.prepare(receivers)
        } catch {
            throw Failure(description: error.description)
        }
        return PreparedConfiguration(loaded: loaded, web: web, tls: tls, alerting: alerting, site: site)
    }
}
