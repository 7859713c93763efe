import Prober

/// The HTML status page served at `/`: every target's state, last probe, phase waterfall, certificate and quota.
///
/// A pure function of the board's snapshot and the time: no JavaScript, no external resources (the stylesheet is
/// inline), readable on a phone (the table becomes one card per target on narrow screens). Every text that came
/// from the configuration or a server is HTML-escaped; the snapshot carries no username or secret.
enum StatusPage {
    /// How often the browser reloads the page, in seconds.
    static let refreshSeconds = 30

    /// The page for `targets` (any order: failing first, then by name), rendered at `now` (Unix seconds).
    static func html(_ targets: [TargetStatus], now: Double, version: String) -> String {
        let targets = targets.sorted(by: TargetStatus.pageOrder)
        let failing = targets.filter(\.isFailing).count
        let pending = targets.filter { $0.lastProbe == nil }.count
        let rendered = StatusText.timestamp(now)
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="\(refreshSeconds)">
            <title>\(failing > 0 ? "\(failing) failing · " : "")imapwatch</title>
            <style>\(stylesheet)</style>
            </head>
            <body>
            <header>
            <h1>imapwatch <span class="version">\(HTML.escaped(version))</span></h1>
            <p class="summary" id="summary">\(summary(count: targets.count, failing: failing, pending: pending))</p>
            <p class="rendered">Rendered <time datetime="\(rendered)">\(rendered)</time>; \
            refreshes every \(refreshSeconds) s.</p>
            </header>
            <main>

            """
        if targets.isEmpty {
            page += "<p class=\"empty\">No targets configured.</p>\n"
        } else {
            page += """
                <div class="scroll">
                <table class="targets">
                <thead><tr><th>Target</th><th>State</th><th>Last probe</th><th>Phases</th><th>Certificate</th>\
                <th>Quota</th><th>Failure</th></tr></thead>
                <tbody>

                """
            for target in targets { page += row(target, now: now) }
            page += "</tbody>\n</table>\n</div>\n" + legend
        }
        page += """
            </main>
            <footer>
            <nav><a href="metrics">/metrics</a> <a href="probe">/probe</a> <a href="-/healthy">/-/healthy</a> \
            <a href="-/ready">/-/ready</a></nav>
            <p>Prometheus metrics of every target and of the agent at /metrics; one probe now at \
            /probe?target=host:port&amp;module=NAME (&amp;debug=true adds the redacted transcript); \
            POST /-/reload loads the configuration again.</p>
            </footer>
            </body>
            </html>

            """
        return page
    }

    /// `3 targets, 1 failing, 1 not probed yet`.
    static func summary(count: Int, failing: Int, pending: Int) -> String {
        var text = "<strong>\(count) \(count == 1 ? "target" : "targets")</strong>, "
        text += failing > 0 ? "<span class=\"down\">\(failing) failing</span>" : "<span class=\"up\">0 failing</span>"
        if pending > 0 { text += ", \(pending) not probed yet" }
        return text
    }

    /// Which colour each phase has, and that red means the failed phase.
    static var legend: String {
        let items = Phase.allCases.map { "<li><span class=\"swatch phase-\($0.rawValue)\"></span>\($0.rawValue)</li>" }
        return "<ul class=\"legend\">" + items.joined() + "<li><span class=\"swatch failed\"></span>failed phase</li></ul>\n"
    }
}
