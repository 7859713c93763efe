/// The security findings a target is held to, beyond what fails a probe.
public struct SecurityExpectations: Sendable, Hashable {
    /// The lowest TLS version that does not raise `tls_version_low` (`TLSv1.2`); `nil` checks nothing.
    public var minimumTLSVersion: String?

    /// Expectations with `minimumTLSVersion`.
    public init(minimumTLSVersion: String? = nil) {
        self.minimumTLSVersion = minimumTLSVersion
    }
}
