extension FramingError: CustomStringConvertible {
    /// A one-line explanation for logs and probe results, with the limit and the observed size.
    public var description: String {
        switch self {
        case .lineTooLong(let error): "line longer than \(error.limit) bytes"
        case .literalTooLarge(let error): "literal of \(error.announced) bytes exceeds the limit of \(error.limit)"
        case .literalLengthOverflow(let error): "literal length of \(error.digitCount) digits overflows 64 bits"
        case .responseTooLarge(let error): "response of \(error.observed) bytes exceeds the limit of \(error.limit)"
        case .bareLineFeed(let error): "line ended with LF without CR at stream offset \(error.offset)"
        }
    }
}
