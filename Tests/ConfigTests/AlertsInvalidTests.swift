import Config
import Testing

/// Every error the alert keys can make, with its exact message and position (the error classes of their own
/// have a fixture in `InvalidFixtureTests`; these are the rest, and each listed case of the format).
@Suite struct AlertsInvalidTests {
    /// `alerts:` with one receiver made of `lines` (each indented under `- `), then `tail`.
    static func receiver(_ lines: String, tail: String = "") -> String {
        "alerts:\n  receivers:\n    - name: r\n" + lines.split(separator: "\n").map { "      \($0)\n" }.joined() + tail
    }

    static let conditions = AlertPolicy.allConditionNames.joined(separator: ", ")
    static let kinds = ReceiverConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", ")

    static let cases: [(yaml: String, message: String)] = [
        // The URL.
        (
            receiver("type: slack\nurl_file: secrets/missing.url"),
            "a.yml:5:17: url_file: cannot read secrets/missing.url: no such file (the file must exist and be readable by imapwatch when the configuration loads)"
        ),
        (
            receiver("type: slack\nurl_env: IMAPWATCH_UNSET_URL"),
            "a.yml:5:16: url_env: environment variable IMAPWATCH_UNSET_URL is not set or empty (export it in the service's environment, or use url_file)"
        ),
        (
            receiver("type: slack\nurl_env: IMAPWATCH_TEST_WEBHOOK_URL\nurl_file: secrets/test.url"),
            "a.yml:6:17: url_file conflicts with url_env in the same mapping (give only one of url_file, url_env)"
        ),
        (receiver("type: slack\nurl_file: ''"), "a.yml:5:17: url_file must not be empty"),
        // The type and the keys that depend on it.
        (
            receiver("type: slak\nurl_file: secrets/test.url"),
            "a.yml:4:13: type: 'slak' is not a valid value (did you mean 'slack'? one of \(kinds))"
        ),
        (receiver("url_file: secrets/test.url"), "a.yml:3:7: receiver 'r' needs 'type'"),
        (
            receiver("type: template\nurl_file: secrets/test.url"),
            "a.yml:3:7: receiver 'r' of type template needs 'template_file'"
        ),
        (
            receiver("type: template\nurl_file: secrets/test.url\ntemplate_file: templates/missing.mustache"),
            "a.yml:6:22: template_file: cannot read templates/missing.mustache: no such file (the file must exist and be readable by imapwatch when the configuration loads)"
        ),
        (
            receiver("type: webhook\nurl_file: secrets/test.url\ncontent_type: text/plain"),
            "a.yml:6:7: content_type does not apply to a receiver of type webhook (only type template takes content_type)"
        ),
        (
            receiver("type: template\nurl_file: secrets/test.url\ntemplate_file: templates/test.json.mustache\ncontent_type: json"),
            "a.yml:7:21: content_type: 'json' is not a valid media type (write type/subtype, such as application/json or text/plain; charset=utf-8)"
        ),
        (
            receiver("type: ntfy\nurl_file: secrets/test.url\ntopic: my alerts"),
            "a.yml:6:14: topic: 'my alerts' is not a valid ntfy topic (use 1 to 64 letters, digits, '_' and '-')"
        ),
        // Timeouts.
        (
            receiver("type: slack\nurl_file: secrets/test.url\ntimeout: 0s"),
            "a.yml:6:16: timeout: 0s is out of range (more than 0s)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nconnect_timeout: 5"),
            "a.yml:6:24: connect_timeout: '5' is not a duration: the number 5 has no unit (durations look like 500ms, 30s, 1m, 1h30m)"
        ),
        // Headers.
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  Host: example.org"),
            "a.yml:7:9: headers: 'Host' is set by imapwatch (imapwatch sets Content-Type, Content-Length and Host itself; a template receiver's body type is its content_type)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  \"X-Org:\": mail"),
            "a.yml:7:9: headers: 'X-Org:' is not a valid HTTP header name (use letters, digits and !#$%&'*+-.^_`|~)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  X-Org: a\n  x-org: b"),
            "a.yml:8:9: key 'x-org' appears more than once in this mapping (each key may appear once per mapping)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  Authorization: {file: secrets/missing}"),
            "a.yml:7:31: headers.Authorization.file: cannot read secrets/missing: no such file (the file must exist and be readable by imapwatch when the configuration loads)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  Authorization: {env: IMAPWATCH_UNSET}"),
            "a.yml:7:30: headers.Authorization.env: environment variable IMAPWATCH_UNSET is not set or empty (export it in the service's environment, or use {file: PATH})"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  Authorization: {file: secrets/test.header, env: IMAPWATCH_TEST_PASSWORD}"),
            "a.yml:7:57: headers.Authorization.env conflicts with headers.Authorization.file in the same mapping (give only one of file, env)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  Authorization: {}"),
            "a.yml:7:24: headers.Authorization needs 'file' or 'env'"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  Authorization: {path: x}"),
            "a.yml:7:24: headers.Authorization needs 'file' or 'env'\na.yml:7:25: unknown key 'path' in headers.Authorization (known keys: file, env)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\nheaders:\n  X-Org: [a]"),
            "a.yml:7:16: headers.X-Org: expected a string, found a sequence"
        ),
        // Misplaced and unknown keys.
        (
            receiver("type: slack\nurl_file: secrets/test.url\nseverity: critical"),
            "a.yml:6:7: key 'severity' is not allowed in receiver 'r' (set it in a route)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url\ntopics: x"),
            "a.yml:6:7: unknown key 'topics' in receiver 'r' (did you mean 'topic'?)"
        ),
        (
            "alerting:\n  failure_threshold: 2\n",
            "a.yml:1:1: key 'alerting' is not allowed in the top level (set it in defaults, a module or a target)"
        ),
        (
            "defaults:\n  alerts: {}\n",
            "a.yml:2:3: key 'alerts' is not allowed in defaults (set it in the top level)"
        ),
        (
            "targets:\n  - name: t\n    host: h\n    alerts: {}\n",
            "a.yml:4:5: key 'alerts' is not allowed in target (set it in the top level)"
        ),
        (
            "defaults:\n  failure_threshold: 2\n",
            "a.yml:2:3: key 'failure_threshold' is not allowed in defaults (set it in the alerting: mapping of defaults, a module or a target)"
        ),
        (
            "modules:\n  m:\n    alerting:\n      receivers: []\n",
            "a.yml:4:7: key 'receivers' is not allowed in alerting (set it in alerts)"
        ),
        (
            "targets:\n  - name: t\n    host: h\n    url: x\n",
            "a.yml:4:5: key 'url' is not allowed in target (set it in a receiver, as url_file or url_env)"
        ),
        (
            "defaults:\n  alerting:\n    failure_treshold: 2\n",
            "a.yml:3:5: unknown key 'failure_treshold' in alerting (did you mean 'failure_threshold'?)"
        ),
        // The alerts section itself.
        ("alerts:\n  group_wait: 10s\n", "a.yml:1:1: alerts needs 'receivers'"),
        ("alerts:\n", "a.yml:1:1: alerts needs 'receivers'"),
        ("alerts:\n  receivers: []\n", "a.yml:2:14: alerts.receivers must not be empty"),
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  queue_capacity: 0\n"),
            "a.yml:6:19: alerts.queue_capacity: 0 is out of range (1 or more)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  group_wait: -1s\n"),
            "a.yml:6:15: alerts.group_wait: '-1s' is not a duration: expected a number at '-1s' (durations look like 500ms, 30s, 1m, 1h30m)"
        ),
        (
            "alerts:\n  receivers:\n    - type: slack\n      url_file: secrets/test.url\n",
            "a.yml:3:7: a receiver needs 'name'"
        ),
        // Routes.
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  routes:\n    - receiver: r\n      severity: [warning, severe]\n"),
            "a.yml:8:27: severity: 'severe' is not a valid value (one of warning, critical)"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  routes:\n    - receiver: r\n      severity: []\n"),
            "a.yml:8:17: severity must not be empty"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  routes:\n    - receiver: r\n      match:\n        1team: mail\n"),
            "a.yml:9:9: '1team' is not a valid Prometheus label name (use letters, digits and '_', not starting with a digit or '__')"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  routes:\n    - receiver: r\n      match:\n        team: {a: b}\n"),
            "a.yml:9:15: match.team: expected a string or a sequence of strings, found a mapping"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  routes:\n    - severity: critical\n"),
            "a.yml:7:7: a route needs 'receiver'"
        ),
        (
            receiver("type: slack\nurl_file: secrets/test.url", tail: "  routes:\n    - receiver: nobody\n"),
            "a.yml:7:17: unknown receiver 'nobody' (receivers: r)"
        ),
        // The policy.
        (
            "defaults:\n  alerting:\n    failure_threshold: 0\n",
            "a.yml:3:24: alerting.failure_threshold: 0 is out of range (1 or more)"
        ),
        (
            "modules:\n  m:\n    alerting:\n      success_threshold: -2\n",
            "a.yml:4:26: alerting.success_threshold: -2 is out of range (1 or more)"
        ),
        (
            "defaults:\n  alerting:\n    failure_threshold: '3'\n",
            "a.yml:3:24: alerting.failure_threshold: expected an integer, found the quoted string '3' (write digits, without quotes)"
        ),
        (
            "defaults:\n  alerting:\n    disable: [slow_logn]\n",
            "a.yml:3:15: alerting.disable: 'slow_logn' is not a valid value (did you mean 'slow_login'? one of \(conditions))"
        ),
        (
            "targets:\n  - name: t\n    host: h\n    alerting:\n      disable: slow_login\n",
            "a.yml:5:16: alerting.disable: expected a sequence, found 'slow_login'"
        ),
        (
            "defaults:\n  alerting:\n    tls_version_min: TLSv1.2\n",
            "a.yml:3:22: alerting.tls_version_min: 'TLSv1.2' is not a valid value (one of 1.0, 1.1, 1.2, 1.3, none)"
        ),
        (
            "defaults:\n  alerting:\n    send_resolved: yes\n",
            "a.yml:3:20: alerting.send_resolved: expected true or false, found 'yes' (write true or false, without quotes)"
        ),
        (
            "defaults:\n  alerting:\n    repeat_interval: 4\n",
            "a.yml:3:22: alerting.repeat_interval: '4' is not a duration: the number 4 has no unit (durations look like 500ms, 30s, 1m, 1h30m)"
        ),
        ("defaults:\n  alerting: [a]\n", "a.yml:2:13: alerting: expected a mapping, found a sequence"),
    ]

    @Test(arguments: cases)
    func failsWithTheExactMessage(yaml: String, message: String) throws {
        let error = try #require(throws: ConfigError.self) { try AlertsConfigTests.load(yaml) }
        #expect(error.description == message)
    }
}
