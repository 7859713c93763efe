/// The content codings a request's `Accept-Encoding` accepts, with their weights (RFC 9110 §12.5.3).
///
/// Codings are case-insensitive; `x-gzip` counts as `gzip`; `*` stands for every coding not listed; a weight is
/// `q=` from 0 to 1 (an unreadable weight counts as 0: not acceptable). Identity is acceptable unless listed with
/// `q=0`, or excluded by `*;q=0`.
struct AcceptEncoding: Sendable, Hashable {
    /// Listed codings (lower case) and their weights.
    let weights: [String: Double]
    /// The weight of `*`, when listed.
    let wildcard: Double?

    /// The codings in `header`, the field's values joined with commas; `nil` (no header) accepts identity only.
    init(header: String?) {
        var weights: [String: Double] = [:]
        var wildcard: Double?
        for element in (header ?? "").split(separator: ",") {
            let parameters = element.split(separator: ";")
            let coding = parameters.first.map { Self.trimmed($0).lowercased() } ?? ""
            guard !coding.isEmpty else { continue }
            var weight = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, Self.trimmed(pair[0]).lowercased() == "q" else { continue }
                weight = Self.weight(Self.trimmed(pair[1]))
            }
            switch coding {
            case "*": wildcard = weight
            case "x-gzip": weights["gzip"] = max(weights["gzip"] ?? 0, weight)
            default: weights[coding] = max(weights[coding] ?? 0, weight)
            }
        }
        self.weights = weights
        self.wildcard = wildcard
    }

    /// The weight of `coding` (lower case): listed, else `*`'s, else 1 for identity and 0 for the rest.
    func quality(of coding: String) -> Double {
        if let weight = weights[coding] { return weight }
        if let wildcard { return wildcard }
        return coding == "identity" ? 1 : 0
    }

    /// Whether to answer with gzip: it is acceptable (weight above 0), and identity, when the client listed it
    /// by name, weighs no more. (An unlisted identity is acceptable but expresses no preference over gzip.)
    var prefersGzip: Bool {
        let gzip = quality(of: "gzip")
        guard gzip > 0 else { return false }
        guard let identity = weights["identity"] else { return true }
        return gzip >= identity
    }

    /// A `qvalue`: `0`, `0.5`, `1.000`; anything else is 0.
    static func weight(_ text: String) -> Double {
        guard text.count <= 5, let value = Double(text), value >= 0, value <= 1,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { return 0 }
        return value
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
