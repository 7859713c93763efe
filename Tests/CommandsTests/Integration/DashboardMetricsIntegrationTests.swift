import Foundation
import TestSupport
import Testing

/// Every metric name the dashboard and the rules query, checked against a real `/metrics` scrape of
/// `imapwatch serve` probing the test Dovecot: a good implicit-TLS target with quota, a STARTTLS target, a target on
/// a closed port (failure counters) and an `alerts:` section (the notification series).
extension CLIIntegrationTests {
    @Suite("dashboards: every queried metric exists in a real scrape", .serialized)
    struct DashboardMetricsIntegrationTests {
        /// Series Prometheus makes itself for every scrape, which no exporter declares.
        static let prometheusOwn: Set<String> = ["up", "scrape_duration_seconds", "scrape_samples_scraped"]

        func configuration(_ env: TestDovecot, closedPort: Int) -> String {
            """
            defaults:
              interval: 1s
              timeout: 800ms
              ca_file: \(env.caFile)
            modules:
              login:
                username: \(env.user)
                password_file: \(env.passwordFile)
            targets:
              - { name: implicit, host: \(env.host), port: \(env.imapsPort), tls: implicit, module: login }
              - { name: starttls, host: \(env.host), port: \(env.imapPort), tls: starttls, module: login }
              - { name: down, host: \(env.host), port: \(closedPort), tls: implicit, module: login }
            alerts:
              receivers:
                - name: hook
                  type: webhook
                  url_file: hook.url

            """
        }

        @Test("the scrape declares every family the dashboard and the rules select")
        func everyNameIsExported() async throws {
            guard let env = TestDovecot.require() else { return }
            let files = try DashboardFiles()
            let workspace = try ServeWorkspace("imapwatch-dashboards")
            let closed = try ClosedPort()
            defer { closed.release() }
            try workspace.write("hook.url", "http://127.0.0.1:\(closed.port)/hook\n")
            try workspace.write("imapwatch.yml", configuration(env, closedPort: closed.port))
            let serve = try ServeProcess([
                "--config", workspace.configFile.path, "--web.listen-address", "127.0.0.1:0",
                "--storage.path", workspace.storage,
            ])
            defer { serve.stop() }
            let port = try #require(try await serve.listeningPort(within: 20), "\(serve.output)")

            // Until every target has been probed: the good ones succeeded, the closed port counted a failure.
            var body = ""
            let start = Date()
            while Date().timeIntervalSince(start) < 20 {
                body = try HTTPGet.get(port: port, path: "/metrics").body
                let ready = [#"imap_probe_success{target="implicit""#, #"imap_probe_success{target="starttls""#,
                    #"imap_probe_failures_total{target="down""#, "imap_quota_usage_bytes{", "imap_starttls_offered{"]
                if ready.allSatisfy(body.contains) { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(body.contains(#"imap_probe_failures_total{target="down""#), "\(body)\n\(serve.output)")
            let families = ExportedFamilies(exposition: body)
            #expect(families.types.count >= 25, "\(body)")

            let recorded = files.recordedNames
            let expressions = files.dashboardExpressions + files.ruleExpressions
            var checked: Set<String> = []
            for expression in expressions {
                let names = PromQLNames.metricNames(in: expression.promQL)
                #expect(!names.isEmpty, "no metric found in \(expression)")
                for name in names {
                    if name.contains(":") {
                        #expect(recorded.contains(name), "\(expression): \(name) is recorded by no rule")
                    } else if !Self.prometheusOwn.contains(name) {
                        let exported = families.exports(name)
                        #expect(exported, "\(expression): \(name) is not in the agent's /metrics")
                        checked.insert(name)
                    }
                }
            }
            // The brief's panels, by family: all of them were really looked up.
            for family in [
                "imap_probe_success", "imap_probe_duration_seconds", "imapwatch_probe_phase_duration_seconds_bucket",
                "imap_probe_phase_seconds", "imap_tls_cert_not_after_timestamp_seconds", "imap_quota_usage_bytes",
                "imap_quota_limit_bytes", "imap_probe_failures_total", "imapwatch_schedule_lag_seconds_bucket",
                "imapwatch_probes_in_flight", "imapwatch_config_last_reload_successful",
                "imapwatch_notification_queue_length", "imapwatch_notifications_total", "imapwatch_alerts",
                "imap_tls_info", "imap_capability_info", "imap_starttls_offered",
            ] {
                #expect(checked.contains(family), "nothing queries \(family)")
            }

            // The same check fails on a misspelt family, against this real scrape.
            let wrong = PromQLNames.metricNames(in: #"sum by (reason) (increase(imap_probe_failure_total{phase="login"}[1h]))"#)
            #expect(wrong == ["imap_probe_failure_total"])
            #expect(!families.exports("imap_probe_failure_total"))
        }
    }
}
