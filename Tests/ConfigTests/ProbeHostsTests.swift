import Config
import Testing

/// `probe_hosts:` of a module: read strictly (a sequence of names, addresses or `*.domain`, lowercased), allowed
/// in modules only, shown by `config check`, and matched as `/probe` matches it.
@Suite struct ProbeHostsTests {
    static func load(_ yaml: String) throws(ConfigError) -> LoadedConfiguration {
        try ConfigLoader(environment: [:]).load(yaml: yaml, file: "h.yml", baseDirectory: "/")
    }

    static func errors(_ yaml: String) -> [String] {
        configErrors(yaml, file: "h.yml")
    }

    @Test func aModuleKeepsItsPatternsLowercased() throws {
        let loaded = try Self.load("""
            modules:
              m:
                probe_hosts: [IMAP.example.org, "*.Example.NET", 192.0.2.7, "2001:db8::7"]
              none:
                tls: starttls
            """)
        #expect(loaded.probeHosts(ofModule: "m")?.map(\.description) == ["imap.example.org", "*.example.net", "192.0.2.7", "2001:db8::7"])
        #expect(loaded.probeHosts(ofModule: "none") == nil)
        #expect(loaded.probeHosts(ofModule: "missing") == nil)
        #expect(loaded.redactedDescription.contains("probe_hosts:\n    - imap.example.org\n    - '*.example.net'"), "\(loaded.redactedDescription)")
    }

    @Test func invalidPatternsNameTheirPlace() {
        let hint = "(write a host name, an IP address, or *.example.org for every name under example.org)"
        #expect(Self.errors("modules:\n  m:\n    probe_hosts: [ok.example.org, \"a*.example.org\", \"*.\", \"a b\", \"\", \"*.192.0.2.1\", \"a\\tb\"]\n") == [
            "h.yml:3:35: probe_hosts: 'a*.example.org' is not a host pattern: '*' is allowed only as '*.' in front \(hint)",
            "h.yml:3:53: probe_hosts: '*.' is not a host pattern: it is empty \(hint)",
            "h.yml:3:59: probe_hosts: 'a b' is not a host pattern: it contains a space \(hint)",
            "h.yml:3:66: probe_hosts must not be empty",
            "h.yml:3:70: probe_hosts: '*.192.0.2.1' is not a host pattern: '*.' goes in front of a name \(hint)",
            "h.yml:3:85: probe_hosts: 'a\\u{9}b' is not a host pattern: it contains a control character (\\u{9}) \(hint)",
        ])
        #expect(Self.errors("modules:\n  m:\n    probe_hosts: ok.example.org\n").first?.hasPrefix(
            "h.yml:3:18: probe_hosts: expected a sequence") == true)
    }

    @Test func onlyModulesMayHaveIt() {
        #expect(Self.errors("defaults:\n  probe_hosts: [a.example.org]\n") == [
            "h.yml:2:3: key 'probe_hosts' is not allowed in defaults (set it in a module)"
        ])
        #expect(Self.errors("targets:\n  - name: t\n    host: h\n    probe_hosts: [a.example.org]\n") == [
            "h.yml:4:5: key 'probe_hosts' is not allowed in target (set it in a module)"
        ])
    }

    @Test(arguments: [
        ("imap.example.org", true), ("IMAP.Example.org", true), ("imap.example.org.", true), ("a.example.net", true),
        ("a.b.example.net", true), ("A.EXAMPLE.NET.", true), ("example.net", false), ("xexample.net", false),
        ("192.0.2.7", true), ("192.0.2.70", false), ("other.example.org", false), ("2001:db8::7", true),
        ("[2001:DB8:0:0:0:0:0:7]", true), ("2001:db8::8", false), ("::ffff:192.0.2.7", false),
    ])
    func matching(host: String, allowed: Bool) throws {
        let patterns = try ["imap.example.org", "*.example.net", "192.0.2.7", "2001:db8::7"].map(ProbeHostPattern.init(parsing:))
        #expect(ProbeHostPattern.allows(try ServerHost(parsing: host), patterns: patterns) == allowed)
    }
}
