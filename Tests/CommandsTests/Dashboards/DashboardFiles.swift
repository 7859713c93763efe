@testable import Config
import Foundation

/// The files under `dashboards/`: the Grafana dashboard and the Prometheus rules, and every PromQL expression in
/// them with where it came from.
struct DashboardFiles {
    /// One PromQL expression and where it sits (`panel "Title" A`, `rule IMAPProbeFailing`).
    struct Expression: CustomStringConvertible {
        var origin: String
        var promQL: String
        var description: String { "\(origin): \(promQL)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let folder = GitCheckout.root.appendingPathComponent("dashboards")
    static let dashboardFile = folder.appendingPathComponent("imapwatch.json")
    static let rulesFile = folder.appendingPathComponent("imapwatch.rules.yml")
    static let rulesTestFile = folder.appendingPathComponent("tests/imapwatch.rules.test.yml")

    /// The dashboard as decoded JSON.
    let dashboard: [String: Any]
    /// The rules file as decoded YAML.
    let rules: [String: Any]

    init() throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.dashboardFile))
        guard let dashboard = json as? [String: Any] else { throw Failure(description: "the dashboard is not a JSON object") }
        let root = try YAMLComposer().compose(String(decoding: Data(contentsOf: Self.rulesFile), as: UTF8.self))
        guard let rules = root.map(Self.value) as? [String: Any] else {
            throw Failure(description: "the rules file is not a YAML mapping")
        }
        self.dashboard = dashboard
        self.rules = rules
    }

    /// A YAML node as plain values: a mapping as `[String: Any]`, a sequence as `[Any]`, a string as `String`; any
    /// other scalar (a number, a boolean, null) stays a `YAMLNode.Scalar`, so it is not taken for a string.
    static func value(of node: YAMLNode) -> Any {
        switch node {
        case .mapping(let mapping):
            Dictionary(mapping.map { (key: value(of: $0.key) as? String ?? "?", value: value(of: $0.value)) }) { $1 }
        case .sequence(let sequence):
            sequence.map { value(of: $0) }
        case .scalar(let scalar):
            scalar.resolvedTag == YAMLImplicitTag.str ? scalar.string : scalar
        }
    }

    /// Every panel, those inside collapsed rows too.
    var panels: [[String: Any]] {
        let top = dashboard["panels"] as? [[String: Any]] ?? []
        return top.flatMap { [$0] + ($0["panels"] as? [[String: Any]] ?? []) }
    }

    /// The dashboard's template variables.
    var variables: [[String: Any]] {
        (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
    }

    /// Every rule of every group.
    var ruleEntries: [[String: Any]] {
        (rules["groups"] as? [[String: Any]] ?? []).flatMap { $0["rules"] as? [[String: Any]] ?? [] }
    }

    /// The names the rules file records (`record:`).
    var recordedNames: Set<String> {
        Set(ruleEntries.compactMap { $0["record"] as? String })
    }

    /// Every panel target's `expr` and every query variable's query (the selector of `label_values(…, label)`).
    var dashboardExpressions: [Expression] {
        var found: [Expression] = []
        for panel in panels {
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                guard let expr = target["expr"] as? String else { continue }
                let title = panel["title"] as? String ?? "?"
                found.append(Expression(origin: "panel \"\(title)\" \(target["refId"] as? String ?? "?")", promQL: expr))
            }
        }
        for variable in variables where variable["type"] as? String == "query" {
            let name = variable["name"] as? String ?? "?"
            let query = (variable["query"] as? [String: Any])?["query"] as? String ?? variable["query"] as? String
            for text in [query, variable["definition"] as? String].compactMap({ $0 }) {
                if let selector = Self.selector(ofVariableQuery: text) {
                    found.append(Expression(origin: "variable $\(name)", promQL: selector))
                }
            }
        }
        return found
    }

    /// Every rule's `expr`.
    var ruleExpressions: [Expression] {
        ruleEntries.compactMap { rule in
            guard let expr = rule["expr"] as? String else { return nil }
            let name = rule["alert"] as? String ?? rule["record"] as? String ?? "?"
            return Expression(origin: "rule \(name)", promQL: expr)
        }
    }

    /// The PromQL inside a Grafana Prometheus variable query: the series selector of `label_values(selector, label)`,
    /// the query of `query_result(query)`, `nil` for `label_values(label)`, `label_names()` and `metrics(regex)`.
    static func selector(ofVariableQuery query: String) -> String? {
        let text = query.trimmingCharacters(in: .whitespaces)
        for function in ["label_values", "query_result"] where text.hasPrefix(function + "(") && text.hasSuffix(")") {
            let inner = text.dropFirst(function.count + 1).dropLast()
            if function == "query_result" { return String(inner) }
            guard let comma = inner.lastIndex(of: ",") else { return nil }
            return inner[..<comma].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// `expression` with Grafana's interval variables replaced by durations, so promtool can parse it.
    static func withGrafanaVariablesResolved(_ expression: String) -> String {
        [("$__rate_interval", "5m"), ("$__interval", "1m"), ("$__range", "1h")].reduce(expression) {
            $0.replacingOccurrences(of: $1.0, with: $1.1)
        }
    }
}
