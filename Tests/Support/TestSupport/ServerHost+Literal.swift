import Config

/// Hosts written in tests: a literal or a test environment's host that is not a host is a mistake in the test.
extension ServerHost: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(testHost: value)
    }

    /// `text` as a host; stops the test run when it is not one.
    public init(testHost text: String) {
        do {
            self = try ServerHost(parsing: text)
        } catch {
            preconditionFailure("test host \(text): \(error.message)")
        }
    }
}
