/// Limits the framer enforces while cutting bytes into responses.
///
/// Every limit is checked as bytes arrive, so a breach is reported as soon as it happens and the framer never
/// holds more than the limits allow for the response in progress.
public struct FramingOptions: Hashable, Sendable {
    /// The longest line accepted, in bytes, counting its CRLF. Lines after a literal are measured separately.
    public var maxLineLength: Int
    /// The largest literal (`{n}`, `{n+}`, `~{n}`) accepted, in bytes.
    public var maxLiteralSize: Int
    /// The largest complete response accepted: all its lines and literals together, in bytes.
    public var maxResponseSize: Int

    /// Creates options; the defaults suit a monitoring client that fetches at most a few MiB.
    public init(maxLineLength: Int = 16_384, maxLiteralSize: Int = 16 << 20, maxResponseSize: Int = 32 << 20) {
        self.maxLineLength = maxLineLength
        self.maxLiteralSize = maxLiteralSize
        self.maxResponseSize = maxResponseSize
    }
}
