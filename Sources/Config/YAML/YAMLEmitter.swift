import CYAML

/// Writes a node tree as YAML text with libyaml's emitter, set up as Yams' `serialize(node:)` set it up: one
/// document without `---` or `...`, no tags, `\n` line breaks, non-ASCII characters escaped (in double quotes),
/// each node in its style (`.any` lets libyaml choose).
struct YAMLEmitter {
    /// Spaces per indentation level (libyaml takes 2 to 9).
    var indent = 2
    /// Preferred line width; negative means lines are never folded.
    var width = -1

    /// The text of `node`.
    func serialize(_ node: YAMLNode) throws(YAMLError) -> String {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { throw .memory }
        defer { yaml_emitter_delete(emitter) }
        // The emitter writes through a pointer to `output`, which must live until the emitter is deleted.
        let output = Output()
        defer { withExtendedLifetime(output) {} }
        yaml_emitter_set_output(emitter, { data, buffer, size in
            guard let data, let buffer else { return 0 }
            Unmanaged<Output>.fromOpaque(data).takeUnretainedValue().bytes
                .append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(output).toOpaque())
        yaml_emitter_set_canonical(emitter, 0)
        yaml_emitter_set_indent(emitter, Int32(clamping: indent))
        yaml_emitter_set_width(emitter, Int32(clamping: width))
        yaml_emitter_set_unicode(emitter, 0)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        yaml_emitter_set_encoding(emitter, YAML_UTF8_ENCODING)
        let events = YAMLEventWriter(emitter: emitter)
        try events.emit { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
        try events.emit { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
        try events.write(node)
        try events.emit { yaml_document_end_event_initialize(&$0, 1) }
        try events.emit { yaml_stream_end_event_initialize(&$0) }
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Where the write handler puts the text.
    private final class Output {
        var bytes: [UInt8] = []
    }
}
