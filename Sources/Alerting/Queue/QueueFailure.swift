/// A queue file that could not be written: the operation, the file and the error number.
public struct QueueFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: Int32

    public var description: String { "notification queue: \(operation) \(path) failed (errno \(code))" }
}
