import Alerting
import Foundation
import TestSupport
import Testing

/// `dashboards/`: the Grafana dashboard's shape, and the Prometheus rules checked and unit-tested by promtool.
@Suite("dashboards: the Grafana dashboard and the Prometheus rules")
struct DashboardFilesTests {
    /// The built-in conditions the rules mirror (README, "Alerts"); `slow_<phase>` by its example, `slow_login`.
    static let builtInConditions = [
        "probe_failing", "certificate_expiring", "certificate_unverified", "quota_high", "slow_total", "slow_login",
        "starttls_not_offered", "tls_version_low", "logindisabled_absent",
    ]

    @Test("the dashboard: current schema, datasource, job and target variables")
    func variables() throws {
        let files = try DashboardFiles()
        let schema = try #require(files.dashboard["schemaVersion"] as? Int)
        #expect(schema >= 36, "Grafana 9 and later read the datasource as an object with a uid")
        let byName = Dictionary(files.variables.map { ($0["name"] as? String ?? "", $0) }) { first, _ in first }
        #expect(byName.count == files.variables.count, "variable names are unique")
        let datasource = try #require(byName["datasource"])
        #expect(datasource["type"] as? String == "datasource")
        #expect(datasource["query"] as? String == "prometheus")
        for name in ["job", "target"] {
            let variable = try #require(byName[name], "no $\(name) variable")
            #expect(variable["type"] as? String == "query")
            #expect(Self.usesDatasourceVariable(variable["datasource"]), "$\(name)")
            #expect(
                (variable["definition"] as? String)?.hasPrefix("label_values(") == true, "$\(name) from label_values")
        }
    }

    @Test("every panel has the datasource variable and at least one query; rows excepted")
    func panels() throws {
        let files = try DashboardFiles()
        let panels = files.panels.filter { $0["type"] as? String != "row" }
        #expect(panels.count >= 15)
        let ids = files.panels.compactMap { $0["id"] as? Int }
        #expect(ids.count == files.panels.count && Set(ids).count == ids.count, "every panel has a unique id")
        for panel in panels {
            let title = panel["title"] as? String ?? "?"
            #expect(Self.usesDatasourceVariable(panel["datasource"]), "\(title)")
            #expect(panel["gridPos"] is [String: Any], "\(title)")
            let targets = panel["targets"] as? [[String: Any]] ?? []
            #expect(!targets.isEmpty, "\(title) has no query")
            for target in targets {
                #expect(Self.usesDatasourceVariable(target["datasource"]), "\(title)")
                #expect(!(target["expr"] as? String ?? "").isEmpty, "\(title) has an empty query")
            }
        }
    }

    @Test("every dashboard query is valid PromQL (promtool check rules on them as recording rules)")
    func dashboardQueriesParse() throws {
        guard let promtool = Promtool.require() else { return }
        let expressions = try DashboardFiles().dashboardExpressions
        #expect(expressions.count >= 20)
        var yaml = "groups:\n  - name: dashboard\n    rules:\n"
        for (index, expression) in expressions.enumerated() {
            let resolved = DashboardFiles.withGrafanaVariablesResolved(expression.promQL)
            let quoted = try JSONSerialization.data(withJSONObject: resolved, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            yaml += "      - record: dashboard_query_\(index)\n        expr: \(String(decoding: quoted, as: UTF8.self))\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("imapwatch-dashboard-\(UUID().uuidString).yml")
        try Data(yaml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try promtool.checkRules([file.path])
        #expect(outcome.status == 0, "\(outcome.output)\n\(expressions)")
        #expect(outcome.output.contains("SUCCESS: \(expressions.count) rules found"), "\(outcome.output)")
    }

    @Test("promtool check rules passes on the rules file")
    func rulesCheck() throws {
        guard let promtool = Promtool.require() else { return }
        let outcome = try promtool.checkRules([DashboardFiles.rulesFile.path])
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("SUCCESS"), "\(outcome.output)")
    }

    @Test("promtool test rules: the alerting rules' unit tests pass")
    func rulesUnitTests() throws {
        guard let promtool = Promtool.require() else { return }
        let outcome = try promtool.testRules(DashboardFiles.rulesTestFile.path)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("SUCCESS"), "\(outcome.output)")
    }

    @Test("alerts mirroring a built-in condition carry its name, condition label and a severity")
    func alertNames() throws {
        let files = try DashboardFiles()
        var conditions: Set<String> = []
        for rule in files.ruleEntries {
            guard let alert = rule["alert"] as? String else { continue }
            let labels = rule["labels"] as? [String: Any] ?? [:]
            let annotations = rule["annotations"] as? [String: Any] ?? [:]
            let severity = labels["severity"] as? String ?? ""
            #expect(severity == "warning" || severity == "critical", "\(alert): severity \(severity)")
            #expect(annotations["summary"] is String && annotations["description"] is String, "\(alert)")
            guard let condition = labels["condition"] as? String else {
                #expect(alert.hasPrefix("IMAPWatch"), "\(alert): the agent's own alerts are IMAPWatch…")
                continue
            }
            conditions.insert(condition)
            let notification = AlertNotification(
                status: .firing, level: AlertLevel(rawValue: severity) ?? .critical, target: "t", condition: condition,
                summary: "", since: 0)
            #expect(alert == notification.alertName, "the agent calls \(condition) \(notification.alertName)")
        }
        #expect(conditions == Set(Self.builtInConditions))
    }

    /// Whether `value` is the datasource object `{"type": "prometheus", "uid": "${datasource}"}`.
    static func usesDatasourceVariable(_ value: Any?) -> Bool {
        guard let object = value as? [String: Any] else { return false }
        return object["type"] as? String == "prometheus" && object["uid"] as? String == "${datasource}"
    }
}
