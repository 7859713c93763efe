import CYAML

/// One libyaml parser event, copied out of the C event (which is freed at once).
struct YAMLParserEvent {
    /// What the event is, with what it carries.
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias(anchor: String)
        case scalar(YAMLNode.Scalar, anchor: String?)
        case sequenceStart(anchor: String?, tag: String?, style: YAMLNode.CollectionStyle)
        case sequenceEnd
        case mappingStart(anchor: String?, tag: String?, style: YAMLNode.CollectionStyle)
        case mappingEnd
        /// An event libyaml does not produce while parsing (`YAML_NO_EVENT`).
        case other
    }

    var kind: Kind
    /// Where the event starts.
    var mark: YAMLMark

    /// Copies `event`; the caller still owns (and deletes) it.
    init(_ event: yaml_event_t) {
        mark = YAMLMark(libyaml: event.start_mark)
        kind = Self.kind(of: event, at: mark)
    }

    private static func kind(of event: yaml_event_t, at mark: YAMLMark) -> Kind {
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: text(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            // The value may hold NUL characters: its length, not a terminator, says where it ends.
            let value = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) }
            let style = YAMLNode.Scalar.Style(rawValue: data.style.rawValue) ?? .any
            let scalar = YAMLNode.Scalar(string: value ?? "", style: style, tag: text(data.tag), mark: mark)
            return .scalar(scalar, anchor: text(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(anchor: text(data.anchor), tag: text(data.tag), style: style(data.style.rawValue))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(anchor: text(data.anchor), tag: text(data.tag), style: style(data.style.rawValue))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            return .other
        }
    }

    /// A collection style from libyaml's raw value (the same numbers).
    private static func style(_ raw: UInt32) -> YAMLNode.CollectionStyle { YAMLNode.CollectionStyle(rawValue: raw) ?? .any }

    /// A NUL-terminated libyaml string (an anchor, a tag), `nil` when absent.
    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(decodingCString: $0, as: UTF8.self) }
    }
}

extension YAMLMark {
    /// libyaml's 0-based mark, counted from 1.
    init(libyaml mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}
