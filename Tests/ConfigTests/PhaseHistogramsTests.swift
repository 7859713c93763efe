import Config
import Testing

/// `phase_histograms`: allowed in defaults, modules and targets, resolved target over module over defaults.
@Suite struct PhaseHistogramsTests {
    static func load(_ yaml: String) throws -> LoadedConfiguration {
        try ConfigLoader(environment: [:]).load(yaml: yaml, file: "h.yml", baseDirectory: "/")
    }

    /// The resolved value of each target, by name.
    static func values(_ loaded: LoadedConfiguration) -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: loaded.targets.map { ($0.name, $0.phaseHistograms) })
    }

    static let layered = """
        defaults:
          phase_histograms: false
        modules:
          histograms:
            phase_histograms: true
          inherits:
            tls: starttls
        targets:
          - name: from-defaults
            host: a.example.org
          - name: from-module
            host: b.example.org
            module: histograms
          - name: module-inherits-defaults
            host: c.example.org
            module: inherits
          - name: target-over-module
            host: d.example.org
            module: histograms
            phase_histograms: false
          - name: target-over-defaults
            host: e.example.org
            phase_histograms: true
        """

    /// Off unless asked for: 190 series a target is too many for a fleet (the agent-wide histogram stays).
    @Test func defaultsToFalse() throws {
        let loaded = try Fixtures.load("valid-minimal.yml")
        #expect(loaded.targets.map(\.phaseHistograms) == [false])
        #expect(!TargetConfiguration(name: "t", settings: ProbeSettings(host: "h", port: 993)).phaseHistograms)
    }

    @Test func targetOverModuleOverDefaults() throws {
        let loaded = try Self.load(Self.layered)
        #expect(Self.values(loaded) == [
            "from-defaults": false,
            "from-module": true,
            "module-inherits-defaults": false,
            "target-over-module": false,
            "target-over-defaults": true,
        ])
    }

    @Test func moduleFalseOverDefaultsTrue() throws {
        let loaded = try Self.load("""
            defaults:
              phase_histograms: true
            modules:
              quiet:
                phase_histograms: false
            targets:
              - name: quiet
                host: a.example.org
                module: quiet
              - name: loud
                host: b.example.org
                module: quiet
                phase_histograms: true
            """)
        #expect(Self.values(loaded) == ["quiet": false, "loud": true])
    }

    @Test func adHocTargetResolvesItFromTheModuleOverTheDefaults() throws {
        let loaded = try Self.load(Self.layered)
        let on = try #require(loaded.adHocTarget(name: "x", host: "h", port: nil, module: "histograms"))
        #expect(on.phaseHistograms)
        let inherits = try #require(loaded.adHocTarget(name: "x", host: "h", port: nil, module: "inherits"))
        #expect(!inherits.phaseHistograms)
    }

    @Test func isNotAProbeSetting() throws {
        let loaded = try Self.load(Self.layered)
        let off = try #require(loaded.targets.first { $0.name == "from-defaults" })
        let on = try #require(loaded.targets.first { $0.name == "target-over-defaults" })
        var same = on.settings
        same.host = off.settings.host
        #expect(same == off.settings)
    }

    @Test func effectiveConfigurationShowsItAndLoadsAgain() throws {
        let loaded = try Self.load(Self.layered)
        let text = loaded.redactedDescription
        // Modules show it only where a layer set it; every target shows its resolved value.
        #expect(text.contains("""
            modules:
              histograms:
                phase_histograms: true
              inherits:
                tls: starttls
                phase_histograms: false
            """))
        #expect(text.contains("""
            - name: from-defaults
              host: a.example.org
              port: 993
              interval: 1m
              tls: implicit
              insecure: false
              allow_plaintext_auth: false
              mailbox: INBOX
              select: false
              fetch_bytes: 1024
              require_message: false
              quota: true
              phase_histograms: false
              timeout: 10s
            """))
        let again = try Self.load(text)
        #expect(again.targets == loaded.targets)
        #expect(again.redactedDescription == text)
    }
}
