import CYAML

/// A libyaml parser over UTF-8 bytes, handing out one event at a time; deletes the parser when it goes away.
///
/// The bytes are read in place with their explicit length (a NUL is a character, reported as libyaml reports
/// it, not the end): they must outlive the parser.
struct YAMLParser: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// A byte to point at when the input is empty and has no address (libyaml wants one).
    private let placeholder: UnsafeMutablePointer<UInt8>

    /// A parser reading `bytes` as UTF-8, as Yams sets it up.
    init(bytes: UnsafeBufferPointer<UInt8>) throws(YAMLError) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw .memory
        }
        let placeholder = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        placeholder.initialize(to: 0)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress ?? UnsafePointer(placeholder), bytes.count)
        self.parser = parser
        self.placeholder = placeholder
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        placeholder.deallocate()
    }

    /// The next event; throws libyaml's error when the text stops being YAML there.
    mutating func next() throws(YAMLError) -> YAMLParserEvent {
        var event = yaml_event_t()
        defer { yaml_event_delete(&event) }
        guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
        if let nesting = nestingError(event) { throw nesting }
        return YAMLParserEvent(event)
    }

    /// The nesting limit of the libyaml Yams built in (a revision after 0.2.5, which has none), with its words and
    /// marks: a collection may not start where the scanner's block indentation levels plus its flow level reach
    /// 1,000. The scanner state is still the one that check saw when the collection's start event comes back.
    private func nestingError(_ event: yaml_event_t) -> YAMLError? {
        let state = parser.pointee
        let limitedStates = [
            YAML_PARSE_FLOW_SEQUENCE_FIRST_ENTRY_STATE, YAML_PARSE_FLOW_MAPPING_FIRST_KEY_STATE,
            YAML_PARSE_BLOCK_SEQUENCE_FIRST_ENTRY_STATE, YAML_PARSE_BLOCK_MAPPING_FIRST_KEY_STATE,
        ]
        guard event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT,
            limitedStates.contains(state.state), let start = state.indents.start, let top = state.indents.top,
            start.distance(to: top) >= Self.maxNestingLevel - Int(state.flow_level)
        else { return nil }
        // The collection's own token: `[` or `{` ends where the event does, a block collection's is empty.
        let isFlow = state.state == YAML_PARSE_FLOW_SEQUENCE_FIRST_ENTRY_STATE
            || state.state == YAML_PARSE_FLOW_MAPPING_FIRST_KEY_STATE
        var tokenStart = YAMLMark(libyaml: event.end_mark)
        if isFlow { tokenStart.column -= 1 }
        let context = YAMLError.Context(text: "while parsing", mark: YAMLMark(libyaml: event.start_mark))
        return .syntax(
            problem: "Maximum nesting level reached, set with yaml_set_max_nest_level())", mark: tokenStart,
            context: context)
    }

    private static let maxNestingLevel = 1_000

    /// The error libyaml recorded.
    private func error() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "cannot parse"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return .memory
        case YAML_READER_ERROR:
            return .reader(problem: problem, byteOffset: Int(state.problem_offset))
        default:
            let context = state.context.map {
                YAMLError.Context(text: String(cString: $0), mark: YAMLMark(libyaml: state.context_mark))
            }
            return .syntax(problem: problem, mark: YAMLMark(libyaml: state.problem_mark), context: context)
        }
    }
}
