import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `imapwatch serve` reloading its configuration (SIGHUP, `POST /-/reload`) and answering `/probe`, against the
/// real test Dovecot.
extension CLIIntegrationTests {
    @Suite("serve: reload and /probe against the test Dovecot", .serialized)
    struct ServeReloadIntegrationTests {
        /// A folder with the configuration file, removed at the end.
        final class Workspace {
            let folder: URL
            let configFile: URL

            init() throws {
                folder = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-reload-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                configFile = folder.appendingPathComponent("imapwatch.yml")
            }

            deinit { try? FileManager.default.removeItem(at: folder) }

            func write(_ text: String) throws {
                try Data(text.utf8).write(to: configFile)
            }

            func file(_ name: String, _ text: String) throws -> String {
                let url = folder.appendingPathComponent(name)
                try Data(text.utf8).write(to: url)
                return url.path
            }
        }

        /// The head every configuration here shares: every 2 s, the test CA, two modules.
        func head(_ env: TestDovecot, wrongPasswordFile: String) -> String {
            """
            defaults:
              interval: 2s
              timeout: 1500ms
              ca_file: \(env.caFile)
            modules:
              imaps_login:
                tls: implicit
                port: \(env.imapsPort)
                username: \(env.user)
                password_file: \(env.passwordFile)
                probe_hosts: [\(env.host)]
              wrong_login:
                tls: starttls
                port: \(env.imapPort)
                username: \(env.user)
                password_file: \(wrongPasswordFile)
                probe_hosts: [\(env.host)]
              no_hosts:
                tls: implicit
                port: \(env.imapsPort)
                username: \(env.user)
                password_file: \(env.passwordFile)

            """
        }

        func target(_ name: String, _ env: TestDovecot, site: String, phaseHistograms: Bool = true) -> String {
            """
              - name: \(name)
                host: \(env.host)
                module: imaps_login
                labels: { site: \(site) }
                phase_histograms: \(phaseHistograms)

            """
        }


        /// Scrapes until `condition` holds or `seconds` pass; the last body.
        func scrape(port: Int, within seconds: Double, until condition: (String) -> Bool) async throws -> String {
            let start = Date()
            var body = ""
            while Date().timeIntervalSince(start) < seconds {
                body = try HTTPGet.get(port: port, path: "/metrics").body
                if condition(body) { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            return body
        }

        @Test("SIGHUP and POST /-/reload: added, removed and relabelled targets; a broken file keeps the old one")
        func reload() async throws {
            guard let env = TestDovecot.require() else { return }
            let workspace = try Workspace()
            let wrong = try workspace.file("wrong.password", "Wr0ng-\(UUID().uuidString.prefix(8))\n")
            let head = head(env, wrongPasswordFile: wrong)
            try workspace.write(
                head + "targets:\n" + target("kept", env, site: "a") + target("dropped", env, site: "a"))
            let serve = try ServeProcess(["--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0"])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")

            var body = try await scrape(port: port, within: 20) {
                metricValue($0, "imap_probe_success", target: "kept") == 1 && metricValue($0, "imap_probe_success", target: "dropped") == 1
            }
            #expect(metricValue(body, "imap_probe_success", target: "dropped") == 1, "\(body)")
            #expect(metricValue(body, "imapwatch_config_last_reload_successful") == 1)
            let firstLoad = try #require(metricValue(body, "imapwatch_config_last_reload_success_timestamp_seconds"))

            // SIGHUP with a changed file: one target relabelled, one removed, one added.
            try workspace.write(
                head + "targets:\n" + target("kept", env, site: "b")
                    + target("added", env, site: "b", phaseHistograms: false))
            kill(serve.pid, SIGHUP)
            body = try await scrape(port: port, within: 20) {
                metricValue($0, "imap_probe_success", target: "added") == 1
                    && metricValue($0, "imap_probe_success", target: "kept", [#"site="b""#]) == 1
            }
            #expect(metricValue(body, "imap_probe_success", target: "added") == 1, "\(body)")
            #expect(metricValue(body, "imap_probe_success", target: "kept", [#"site="b""#]) == 1)
            #expect(!body.contains(#"target="dropped""#), "a removed target's series are gone")
            #expect(!body.contains(#"site="a""#), "the old labels' series are gone")
            #expect(metricValue(body, "imapwatch_targets") == 2)
            #expect(metricValue(body, "imapwatch_config_last_reload_successful") == 1)
            #expect((metricValue(body, "imapwatch_config_last_reload_success_timestamp_seconds") ?? 0) >= firstLoad)
            // phase_histograms: false leaves that target's phase histograms out, not its phase gauges.
            #expect(metricValue(body, "imap_probe_phase_duration_seconds_count", target: "kept", [#"phase="login""#]) != nil)
            #expect(metricValue(body, "imap_probe_phase_duration_seconds_count", target: "added", [#"phase="login""#]) == nil)
            #expect(metricValue(body, "imap_probe_phase_seconds", target: "added", [#"phase="login""#]) != nil)

            // A broken file by POST: 500 with the position, the gauge 0, the old targets still probed.
            try workspace.write(head + "targets:\n" + target("kept", env, site: "b") + "    colour: blue\n")
            let rejected = try HTTPGet.request("POST", port: port, path: "/-/reload")
            #expect(rejected.status == 500)
            #expect(rejected.body.contains("imapwatch.yml:"), "\(rejected.body)")
            #expect(rejected.body.contains("colour"), "\(rejected.body)")
            let lastRun = try #require(
                metricValue(try HTTPGet.get(port: port, path: "/metrics").body, "imap_probe_last_run_timestamp_seconds", target: "added"))
            body = try await scrape(port: port, within: 10) {
                (metricValue($0, "imap_probe_last_run_timestamp_seconds", target: "added") ?? 0) > lastRun
            }
            #expect((metricValue(body, "imap_probe_last_run_timestamp_seconds", target: "added") ?? 0) > lastRun)
            #expect(metricValue(body, "imap_probe_success", target: "added") == 1)
            #expect(metricValue(body, "imapwatch_config_last_reload_successful") == 0)
            #expect(metricValue(body, "imapwatch_targets") == 2)

            // A valid file again by POST: 200 and the summary.
            try workspace.write(head + "targets:\n" + target("kept", env, site: "b"))
            let accepted = try HTTPGet.request("POST", port: port, path: "/-/reload")
            #expect(accepted.status == 200)
            #expect(accepted.body == "OK: 1 targets (0 added, 1 removed, 0 changed)\n", "\(accepted.body)")
            body = try HTTPGet.get(port: port, path: "/metrics").body
            #expect(metricValue(body, "imapwatch_config_last_reload_successful") == 1)
            #expect(!body.contains(#"target="added""#))

            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
            let output = serve.output
            #expect(output.contains(#"msg="configuration reload rejected; the previous configuration keeps running""#))
            #expect(output.contains("trigger=SIGHUP"))
            #expect(!output.contains(env.password))
        }

        @Test("/probe: one probe's gauges by host and module or by target name; debug shows no secret")
        func probeEndpoint() async throws {
            guard let env = TestDovecot.require() else { return }
            let workspace = try Workspace()
            let wrongPassword = "Wr0ng-\(UUID().uuidString.prefix(8))"
            let wrong = try workspace.file("wrong.password", wrongPassword + "\n")
            try workspace.write(head(env, wrongPasswordFile: wrong) + "targets:\n" + target("kept", env, site: "a"))
            let serve = try ServeProcess(["--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0"])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")

            let address = "\(env.host):\(env.imapsPort)"
            let ok = try HTTPGet.get(port: port, path: "/probe?target=\(address)&module=imaps_login")
            #expect(ok.status == 200)
            #expect(ok.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(metricValue(ok.body, "imap_probe_success", target: address) == 1, "\(ok.body)")
            #expect(metricValue(ok.body, "imap_tls_cert_not_after_timestamp_seconds", target: address) == Double(env.certNotAfter))
            #expect(!ok.body.contains("imapwatch_"), "only this probe's metrics")
            #expect(!ok.body.contains(#"target="kept""#))
            #expect(!ok.body.contains("_bucket{"), "no histogram for a single probe")
            if let promtool = Promtool.require() {
                let outcome = try promtool.checkMetrics(ok.body)
                #expect(outcome.status == 0 && outcome.output == "", "promtool: \(outcome.output)")
            }

            let byName = try HTTPGet.get(port: port, path: "/probe?target=kept")
            #expect(byName.status == 200)
            #expect(metricValue(byName.body, "imap_probe_success", target: "kept", [#"site="a""#]) == 1, "\(byName.body)")

            let failed = try HTTPGet.get(port: port, path: "/probe?target=\(env.host)&module=wrong_login")
            #expect(failed.status == 200)
            #expect(metricValue(failed.body, "imap_probe_success", target: env.host) == 0, "\(failed.body)")
            #expect(metricValue(failed.body, "imap_probe_phase_seconds", target: env.host, [#"phase="login""#]) != nil)
            #expect(metricValue(failed.body, "imap_probe_phase_seconds", target: env.host, [#"phase="select""#]) == nil)

            let debug = try HTTPGet.get(port: port, path: "/probe?target=\(address)&module=imaps_login&debug=true")
            #expect(debug.status == 200)
            #expect(debug.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(debug.body.contains("probe of \(address) with module imaps_login"), "\(debug.body)")
            #expect(debug.body.contains("transcript:"))
            #expect(debug.body.contains("<redacted>"))
            #expect(debug.body.contains("metrics that would have been returned:"))
            #expect(debug.body.contains(#"imap_probe_success{target="\#(address)""#))
            let failedDebug = try HTTPGet.get(port: port, path: "/probe?target=\(env.host)&module=wrong_login&debug=1")
            #expect(failedDebug.body.contains("auth_failed"), "\(failedDebug.body)")
            for body in [ok.body, byName.body, failed.body, debug.body, failedDebug.body] {
                #expect(!body.contains(env.password))
                #expect(!body.contains(wrongPassword))
            }

            let unknown = try HTTPGet.get(port: port, path: "/probe?target=\(address)&module=http_2xx")
            #expect(unknown.status == 400)
            #expect(unknown.body == "unknown module 'http_2xx' (modules: imaps_login, wrong_login, no_hosts)\n")
            #expect(try HTTPGet.get(port: port, path: "/probe?module=imaps_login").status == 400)
            // Credentials go only to a module's probe_hosts: 403, and no connection is made.
            let elsewhere = try HTTPGet.get(port: port, path: "/probe?target=127.0.0.9:\(env.imapsPort)&module=imaps_login")
            #expect(elsewhere.status == 403)
            #expect(elsewhere.body.contains("not in the probe_hosts of module"), "\(elsewhere.body)")
            #expect(try HTTPGet.get(port: port, path: "/probe?target=\(address)&module=no_hosts").status == 403)

            #expect(try await serve.signal(SIGTERM, waitingUpTo: 8) == 0, "\(serve.output)")
            #expect(!serve.output.contains(env.password))
            #expect(!serve.output.contains(wrongPassword))
        }
    }
}
