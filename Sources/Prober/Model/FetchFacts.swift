/// What the partial FETCH of the newest message returned.
public struct FetchFacts: Sendable, Hashable {
    /// The sequence number fetched.
    public var sequenceNumber: Int
    /// The octets asked for (`BODY.PEEK[]<0.N>`).
    public var bytesRequested: Int
    /// The octets the server returned.
    public var bytesReceived: Int
    /// RFC822.SIZE of the message.
    public var messageSize: Int?

    /// Facts of one partial fetch.
    public init(sequenceNumber: Int, bytesRequested: Int, bytesReceived: Int, messageSize: Int?) {
        self.sequenceNumber = sequenceNumber
        self.bytesRequested = bytesRequested
        self.bytesReceived = bytesReceived
        self.messageSize = messageSize
    }
}
