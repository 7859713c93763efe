import Testing
import Transport

/// Name resolution. Only numeric hosts: this machine's DNS server is not on loopback, and tests never leave it.
@Suite struct ResolverTests {
    @Test func numericIPv4IsReturnedAsIs() async throws {
        let addresses = try await Resolver.resolve(host: "127.0.0.1", port: 993)
        #expect(addresses == [try ResolvedAddress(ip: "127.0.0.1", port: 993)])
        #expect(addresses.first?.family == .ipv4)
        #expect(addresses.first?.description == "127.0.0.1:993")
    }

    @Test(arguments: ["::1", "[::1]"])
    func numericIPv6IsReturnedAsIs(host: String) async throws {
        let addresses = try await Resolver.resolve(host: host, port: 143)
        #expect(addresses.map(\.ip) == ["::1"])
        #expect(addresses.first?.family == .ipv6)
        #expect(addresses.first?.description == "[::1]:143")
    }

    @Test func portOutOfRangeIsAResolveFailure() async {
        await #expect(throws: TransportError.self) {
            try await Resolver.resolve(host: "127.0.0.1", port: 70000)
        }
    }

    /// `getaddrinfo` would read `127.0.0.1\0.example.org` as `127.0.0.1`: refused before C sees it.
    @Test(arguments: ["127.0.0.1\u{0}.example.org", "localhost\u{0}.example.org", "::1\u{0}x"])
    func aHostWithANULIsRefusedNotTruncated(host: String) async {
        await #expect {
            try await Resolver.resolve(host: host, port: 993)
        } throws: { error in
            (error as? TransportError)?.message == "the host name contains a NUL byte"
        }
        #expect(throws: TransportError.self) { try ResolvedAddress(ip: host, port: 993) }
    }

    @Test func resolvedAddressRejectsNames() {
        #expect(throws: TransportError.self) { try ResolvedAddress(ip: "localhost", port: 1) }
    }
}
