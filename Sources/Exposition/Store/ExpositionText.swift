import Prometheus

/// Byte-level pieces of the Prometheus text format (0.0.4), as swift-prometheus writes them, so that the
/// per-target families and the agent's own (still rendered by swift-prometheus) read alike.
enum ExpositionText {
    /// Appends `value` with `\`, `"` and line feeds escaped, as a label value needs.
    static func appendEscapedLabelValue(_ value: String, to buffer: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\""): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: buffer.append(byte)
            }
        }
    }

    /// `name="value",name="value"` for `pairs`, without braces.
    static func labels(_ pairs: [(String, String)]) -> [UInt8] {
        var buffer: [UInt8] = []
        appendLabels(pairs, to: &buffer)
        return buffer
    }

    /// Appends `name="value"` pairs separated by commas.
    static func appendLabels(_ pairs: [(String, String)], to buffer: inout [UInt8]) {
        for (index, (name, value)) in pairs.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: name.utf8)
            buffer.append(contentsOf: #"=""#.utf8)
            appendEscapedLabelValue(value, to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        }
    }

    /// Appends one sample line: `name{prefix,extra} value\n` (the braces left out when there are no labels).
    static func appendSample(
        name: String, suffix: String = "", prefix: [UInt8], extra: [(String, String)], value: String,
        to buffer: inout [UInt8]
    ) {
        buffer.append(contentsOf: name.utf8)
        buffer.append(contentsOf: suffix.utf8)
        if !prefix.isEmpty || !extra.isEmpty {
            buffer.append(UInt8(ascii: "{"))
            buffer.append(contentsOf: prefix)
            if !prefix.isEmpty, !extra.isEmpty { buffer.append(UInt8(ascii: ",")) }
            appendLabels(extra, to: &buffer)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: value.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends `# HELP` (with `\` and line feeds escaped) and `# TYPE` lines of `family`.
    static func appendHeader(of family: MetricFamily, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "# HELP \(family.name) ".utf8)
        for byte in family.help.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: buffer.append(byte)
            }
        }
        buffer.append(contentsOf: "\n# TYPE \(family.name) \(family.kind.typeName)\n".utf8)
    }

    /// A gauge's value as swift-prometheus writes it (`1.0`, `0.0454`).
    static func gaugeValue(_ value: Double) -> String {
        "\(value)"
    }

    /// A duration in seconds as swift-prometheus writes histogram bounds and sums (`0.0025`, `30.0`).
    static func seconds(_ duration: Duration) -> String {
        duration.bucketRepresentation
    }
}

extension MetricFamily.Kind {
    /// The name in a `# TYPE` line.
    var typeName: String {
        switch self {
        case .gauge: "gauge"
        case .counter: "counter"
        case .histogram: "histogram"
        }
    }
}
