import Config
import Exposition
import Testing

@testable import Commands

/// `/probe`'s target syntax and how a request resolves to a target of the running configuration.
@Suite struct ProbeEndpointTests {
    static let yaml = """
        defaults:
          timeout: 5s
        modules:
          imaps_login:
            tls: implicit
            port: 993
            username: monitor@example.org
            password_env: IMAP_PASSWORD
            probe_hosts: ["*.example.net", 192.0.2.7]
          starttls_banner:
            tls: starttls
          no_hosts:
            username: monitor@example.org
            password_env: IMAP_PASSWORD
        targets:
          - name: mail-a
            host: imap.example.org
            module: imaps_login

        """

    func loaded() throws -> LoadedConfiguration {
        try ConfigLoader(environment: ["IMAP_PASSWORD": "s3cret"]).load(
            yaml: Self.yaml, file: "imapwatch.yml", baseDirectory: ".")
    }

    @Test(arguments: [
        ("mail.example.org", "mail.example.org", nil),
        ("mail.example.org:143", "mail.example.org", 143),
        ("192.0.2.7:993", "192.0.2.7", 993),
        ("[2001:db8::7]:993", "2001:db8::7", 993),
        ("[::1]", "::1", nil),
        ("2001:db8::7", "2001:db8::7", nil),
    ] as [(String, String, Int?)])
    func addresses(text: String, host: String, port: Int?) throws {
        #expect(try ProbeTargetAddress(parsing: text) == ProbeTargetAddress(host: ServerHost(testHost: host), port: port))
    }

    @Test(arguments: [
        ("", " is not a host name or address: it is empty"),
        (":993", " is not a host name or address: it is empty"),
        ("host:0", ": the port must be a number from 1 to 65535"),
        ("host:65536", ": the port must be a number from 1 to 65535"),
        ("host:+99", ": the port must be a number from 1 to 65535"),
        ("host:imaps", ": the port must be a number from 1 to 65535"),
        ("[::1", ": an IPv6 address needs its closing ]"),
        ("[::1]993", ": expected :port after ]"),
        ("a/b:993", " is not a host name or address: '/' is not allowed in a name (letters, digits, '-' and '.')"),
        ("[192.0.2.1]:993", " is not a host name or address: the text in brackets is not an IPv6 address"),
        ("[fe80::1%eth0]:993", " is not a host name or address: an IPv6 zone (%interface) is not supported"),
        ("localhost\u{0}.example.org:993", " is not a host name or address: it contains a NUL byte"),
    ])
    func invalidAddresses(text: String, message: String) {
        #expect(throws: ProbeTargetAddress.Invalid(message: "target \(ServerHost.quoted(text))\(message)")) {
            try ProbeTargetAddress(parsing: text)
        }
    }

    @Test func controlCharactersInAnErrorAreEscapedAndLongTargetsCut() {
        #expect(ProbeTargetAddress.quoted("a\r\nb\u{0}") == "'a\\u{D}\\u{A}b\\u{0}'")
        #expect(ProbeTargetAddress.quoted(String(repeating: "x", count: 150)) == "'\(String(repeating: "x", count: 100))…'")
    }

    @Test func hostAndModuleMakeATargetFromTheModuleOverTheDefaults() throws {
        let request = ProbeEndpointRequest(target: "mx.example.net", module: "imaps_login")
        let target = try ProbeEndpoint.resolve(request, in: try loaded()).get()
        #expect(target.name == "mx.example.net")
        #expect(target.module == "imaps_login")
        #expect(target.settings.host == "mx.example.net")
        #expect(target.settings.port == 993)
        #expect(target.settings.tlsMode == .implicit)
        #expect(target.settings.timeout == .seconds(5))
        #expect(target.login?.username == "monitor@example.org")
    }

    @Test func aPortInTheTargetWinsOverTheModules() throws {
        let request = ProbeEndpointRequest(target: "mx.example.net:1993", module: "imaps_login")
        #expect(try ProbeEndpoint.resolve(request, in: try loaded()).get().settings.port == 1993)
    }

    @Test func aConfiguredTargetNameAloneProbesThatTarget() throws {
        let loaded = try loaded()
        let request = ProbeEndpointRequest(target: "mail-a", module: nil)
        #expect(try ProbeEndpoint.resolve(request, in: loaded).get() == loaded.targets[0])
    }

    @Test(arguments: [
        (ProbeEndpointRequest(target: nil, module: "imaps_login"), "the target parameter is missing"),
        (ProbeEndpointRequest(target: "", module: nil), "the target parameter is missing"),
        (
            ProbeEndpointRequest(target: "mx.example.net", module: nil),
            "target 'mx.example.net' is not a configured target name; give module= to probe a host (modules: imaps_login, starttls_banner, no_hosts)"
        ),
        (
            ProbeEndpointRequest(target: "mx.example.net", module: "http_2xx"),
            "unknown module 'http_2xx' (modules: imaps_login, starttls_banner, no_hosts)"
        ),
        (
            ProbeEndpointRequest(target: "mx.example.net:99999", module: "imaps_login"),
            "target 'mx.example.net:99999': the port must be a number from 1 to 65535"
        ),
    ])
    func refusals(request: ProbeEndpointRequest, message: String) throws {
        #expect(throws: ProbeEndpoint.Refusal(message: message)) {
            try ProbeEndpoint.resolve(request, in: try loaded()).get()
        }
    }

    @Test func aModuleThatLogsInGoesOnlyToItsProbeHosts() throws {
        let loaded = try loaded()
        #expect(throws: ProbeEndpoint.Refusal(
            message: "host 'evil.example.com' is not in the probe_hosts of module 'imaps_login', so its credentials are not sent there",
            forbidden: true)) {
            try ProbeEndpoint.resolve(ProbeEndpointRequest(target: "evil.example.com:993", module: "imaps_login"), in: loaded).get()
        }
        #expect(throws: ProbeEndpoint.Refusal(
            message: "module 'no_hosts' logs in: /probe uses its credentials only on the hosts listed under probe_hosts: in the module, and it lists none",
            forbidden: true)) {
            try ProbeEndpoint.resolve(ProbeEndpointRequest(target: "mx.example.net", module: "no_hosts"), in: loaded).get()
        }
        #expect(try ProbeEndpoint.resolve(ProbeEndpointRequest(target: "192.0.2.7", module: "imaps_login"), in: loaded).get().settings.host == "192.0.2.7")
        // The allow-list compares the host the probe would connect to, never the request's text.
        for spelling in ["localhost%00.example.net", "localhost\u{0}.example.net", "a.example.net\t", "a.example.net\\",
                         "a.example.net%2f", "a.example.net#", "a.example.net?x=1", "a.example.net/x", "user@a.example.net"] {
            #expect(throws: ProbeEndpoint.Refusal.self) {
                try ProbeEndpoint.resolve(ProbeEndpointRequest(target: spelling + ":993", module: "imaps_login"), in: loaded).get()
            }
        }
        #expect(try ProbeEndpoint.resolve(ProbeEndpointRequest(target: "MX.Example.NET.:993", module: "imaps_login"), in: loaded).get().settings.host == "mx.example.net")
        // A module without credentials may go anywhere: it only reads the greeting and STARTTLS.
        let banner = ProbeEndpointRequest(target: "evil.example.com", module: "starttls_banner")
        #expect(try ProbeEndpoint.resolve(banner, in: loaded).get().login == nil)
    }

    @Test func concurrencySlotsRefuseBeyondTheLimitAndFreeOnRelease() {
        let slots = ConcurrencySlots(limit: 2)
        #expect(slots.acquire())
        #expect(slots.acquire())
        #expect(!slots.acquire())
        slots.release()
        #expect(slots.acquire())
    }

    @Test func reloadChangeCountsAddedRemovedAndChangedTargets() {
        func target(_ name: String, port: Int = 993) -> TargetConfiguration {
            TargetConfiguration(name: name, settings: ProbeSettings(host: "h", port: port))
        }
        let change = ReloadChange(
            before: [target("same"), target("moved"), target("gone")],
            after: [target("same"), target("moved", port: 1993), target("new"), target("newer")])
        #expect(change == ReloadChange(added: 2, removed: 1, changed: 1))
        #expect(change.summary(targets: 4) == "4 targets (2 added, 1 removed, 1 changed)")
    }
}
