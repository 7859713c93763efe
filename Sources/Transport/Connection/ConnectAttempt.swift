/// One failed TCP connect attempt to one address.
public struct ConnectAttempt: Sendable, Hashable {
    /// The address tried.
    public var address: ResolvedAddress
    /// Why it failed (`.connectRefused`, `.connectTimeout`, `.connectFailed`).
    public var error: TransportError
    /// How long the attempt took.
    public var duration: Duration

    /// Makes an attempt record.
    public init(address: ResolvedAddress, error: TransportError, duration: Duration) {
        self.address = address
        self.error = error
        self.duration = duration
    }
}
