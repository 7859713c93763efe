/// Which address a connect reached, and every address that failed before it.
public struct ConnectReport: Sendable, Hashable {
    /// The address the connection is open to.
    public var connectedAddress: ResolvedAddress
    /// Attempts that failed before `connectedAddress` answered, in order.
    public var failedAttempts: [ConnectAttempt]
    /// How long the successful attempt took.
    public var connectDuration: Duration

    /// Makes a report.
    public init(connectedAddress: ResolvedAddress, failedAttempts: [ConnectAttempt], connectDuration: Duration) {
        self.connectedAddress = connectedAddress
        self.failedAttempts = failedAttempts
        self.connectDuration = connectDuration
    }
}
