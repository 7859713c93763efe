import Config
import Testing

/// `host:` and `sni:` are read into `ServerHost` at load time: a value that is not a DNS name or an address is
/// an error at its file:line:column, and a valid one is kept in canonical form.
@Suite struct HostKeysTests {
    static let hint =
        "(write a DNS name such as mail.example.org, an IPv4 address such as 192.0.2.1, or an IPv6 address such as 2001:db8::1)"

    static func errors(_ yaml: String) -> [String] {
        configErrors(yaml, file: "h.yml")
    }

    @Test func hostsAndNamesThatAreNotHostsAreRefusedWithTheirPlace() {
        let yaml = """
            modules:
              m:
                sni: "imap.example.org\\0.attacker.net"
            targets:
              - name: nul
                host: "localhost\\0.example.org"
              - name: tab
                host: "mail\\t.example.org"
              - name: port
                host: mail.example.org:993
                sni: "a b"
              - name: legacy
                host: "0x7f.1"

            """
        #expect(Self.errors(yaml) == [
            "h.yml:3:10: sni: 'imap.example.org\\u{0}.attacker.net' is not a host name or address: it contains a NUL byte \(Self.hint)",
            "h.yml:6:11: host: 'localhost\\u{0}.example.org' is not a host name or address: it contains a NUL byte \(Self.hint)",
            "h.yml:8:11: host: 'mail\\u{9}.example.org' is not a host name or address: it contains a control character (\\u{9}) \(Self.hint)",
            "h.yml:10:11: host: 'mail.example.org:993' is not a host name or address: ':' is allowed only in an IPv6 address (give a port as a port of its own) \(Self.hint)",
            "h.yml:11:10: sni: 'a b' is not a host name or address: it contains a space \(Self.hint)",
            "h.yml:13:11: host: '0x7f.1' is not a host name or address: this is a number the resolver would read as an IPv4 address; write the dotted quad \(Self.hint)",
        ])
    }

    @Test func validHostsAreKeptInCanonicalForm() throws {
        let loaded = try ConfigLoader(environment: [:]).load(
            yaml: """
                targets:
                  - { name: a, host: IMAP.Example.ORG., sni: Mail.Example.org }
                  - { name: b, host: "[2001:DB8::0:7]", port: 143 }
                  - { name: c, host: 192.0.2.7 }

                """, file: "h.yml", baseDirectory: "/")
        #expect(loaded.targets.map(\.settings.host.text) == ["imap.example.org", "2001:db8::7", "192.0.2.7"])
        #expect(loaded.targets.first?.settings.serverName?.text == "mail.example.org")
        #expect(loaded.redactedDescription.contains("host: imap.example.org\n"), "\(loaded.redactedDescription)")
    }
}
