/// The small HTML page served at `/`, linking the other endpoints.
enum LandingPage {
    /// The page, with `version` in its heading.
    static func html(version: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>imapwatch</title></head>
        <body>
        <h1>imapwatch \(escaped(version))</h1>
        <p>IMAP monitoring agent.</p>
        <ul>
        <li><a href="metrics">metrics</a>: Prometheus metrics of every target and of the agent</li>
        <li><a href="-/healthy">-/healthy</a>: 200 while the process serves</li>
        <li><a href="-/ready">-/ready</a>: 200 once the configuration has loaded</li>
        <li>probe?target=host:port&amp;module=NAME: one probe now, its metrics only (add &amp;debug=true for the
        result and the redacted transcript)</li>
        <li>-/reload (POST): load the configuration file again, as SIGHUP does</li>
        </ul>
        </body>
        </html>

        """
    }

    /// `text` with the HTML special characters escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
