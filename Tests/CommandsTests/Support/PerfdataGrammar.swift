/// Splits and checks Monitoring Plugins perfdata, independently of the code under test.
enum PerfdataGrammar {
    /// `'label'=value[UOM];[warn];[crit];[min];[max]`, with Monitoring Plugins ranges and plain decimals.
    static var token: Regex<Substring> {
        /'(?:[^'=]|'')+'=-?[0-9]+(?:\.[0-9]{1,6})?(?:s|ms|us|%|B|KB|MB|TB|c)?(?:;(?:@?(?:~|-?[0-9]+(?:\.[0-9]+)?)?:?(?:-?[0-9]+(?:\.[0-9]+)?)?)?){0,2}(?:;(?:-?[0-9]+(?:\.[0-9]{1,6})?)?){0,2}/
    }

    /// The space-separated tokens of a perfdata string; quoted labels may contain spaces.
    static func tokens(_ perfdata: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inQuotes = false
        for character in perfdata {
            if character == "'" { inQuotes.toggle() }
            if character == " ", !inQuotes {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Whether `text` is exactly one valid perfdata token.
    static func isValid(_ text: String) -> Bool {
        (try? token.wholeMatch(in: text)) != nil
    }
}
