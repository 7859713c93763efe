/// How a client TLS session is set up: SNI, host name to verify, extra trust anchors, minimum version.
public struct TLSClientConfiguration: Sendable, Hashable {
    /// The name sent as SNI; not sent when nil or an IP literal.
    public var serverName: String?
    /// The DNS name or IP address the certificate must match; nil skips the name check.
    public var verifyHostname: String?
    /// A PEM file of CA certificates trusted in addition to the system store.
    public var caFile: String?
    /// The lowest protocol version offered.
    public var minimumVersion: TLSProtocolVersion

    /// A configuration; SNI and the verified name are usually the host the user typed.
    public init(
        serverName: String? = nil,
        verifyHostname: String? = nil,
        caFile: String? = nil,
        minimumVersion: TLSProtocolVersion = .tls1_2
    ) {
        self.serverName = serverName
        self.verifyHostname = verifyHostname
        self.caFile = caFile
        self.minimumVersion = minimumVersion
    }

    /// SNI and host-name verification both set to `host`.
    public static func forHost(_ host: String, caFile: String? = nil, minimumVersion: TLSProtocolVersion = .tls1_2)
        -> TLSClientConfiguration
    {
        TLSClientConfiguration(serverName: host, verifyHostname: host, caFile: caFile, minimumVersion: minimumVersion)
    }
}
