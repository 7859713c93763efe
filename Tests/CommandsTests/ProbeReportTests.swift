import Commands
import Config
import Foundation
import IMAPProtocol
import Prober
import Testing

@Suite("ProbeReport")
struct ProbeReportTests {
    @Test("waterfall: one row per phase with offset, duration and a bar scaled to the total")
    func waterfall() {
        let rows = ProbeReport(result: Fixture.success(), now: Fixture.now, barWidth: 20).waterfall
        #expect(rows.count == 1 + Phase.probe.count)
        #expect(rows[0] == "phase                  start ms   took ms")
        #expect(rows[1] == "resolve                     0.0       0.1  █░░░░░░░░░░░░░░░░░░░")
        #expect(rows[3] == "tls_handshake               0.5       3.0  ██░░░░░░░░░░░░░░░░░░")
        #expect(rows[5] == "capability                    -         -  skipped (already_known)")
        #expect(rows[7] == "capability_after_tls          -         -  skipped (not_applicable)")
        #expect(rows[8] == "login                       4.5      41.0  ░█████████████████░░")
        #expect(rows[12] == "logout                     52.0       0.5  ░░░░░░░░░░░░░░░░░░░█")
        for row in rows.dropFirst() where !row.contains("skipped") {
            #expect(row.filter { $0 == "█" || $0 == "░" }.count == 20, "bar width in \(row)")
        }
        // Fixed columns: the bar or the skip reason always starts at column 43.
        for row in rows.dropFirst() {
            #expect(row.dropFirst(41).hasPrefix("  ") && !row.dropFirst(43).hasPrefix(" "), "columns in \(row)")
        }
    }

    @Test("a failed phase is marked, later phases show why they did not run")
    func failed() {
        let report = ProbeReport(result: Fixture.authFailure(), now: Fixture.now)
        let rows = report.waterfall
        #expect(rows.contains { $0.hasPrefix("login ") && $0.hasSuffix("  FAILED auth_failed") })
        #expect(rows.contains("select                        -         -  skipped (not_reached)"))
        #expect(report.render().hasPrefix(
            "imap.example.org:143 (starttls) FAILED in 11.0 ms: login failed: auth_failed (NO [AUTHENTICATIONFAILED] "
                + "Authentication failed.)\n"))
    }

    @Test("facts: connection, TLS, certificate with days left, capabilities, mailbox, fetch, quota exact")
    func facts() {
        let text = ProbeReport(result: Fixture.success(), now: Fixture.now).render()
        for expected in [
            "connection:   192.0.2.10:993 (resolved: 192.0.2.10, 2001:db8::10)",
            "tls:          TLSv1.3 TLS_AES_256_GCM_SHA384",
            "verification: verified",
            "SANs:         imap.example.org, mail.example.org",
            "days left)",
            "sha256:       AA:BB:CC",
            "capabilities: IMAP4REV1 AUTH=PLAIN",
            "mailbox:      INBOX: EXISTS 12, UIDVALIDITY 1700000000, UIDNEXT 13 (read-only)",
            "fetch:        message 12: 1024 octets of 2048 (asked 1024)",
            "quota:        'User quota' STORAGE: 41.0 KiB of 100.0 KiB (41%); 41984 of 102400 bytes",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        #expect(text.contains("notAfter:     ") && text.contains("(62 days left)"))
        let expired = ProbeReport(result: Fixture.success(certificateDays: -3.5), now: Fixture.now).render()
        #expect(expired.contains("(expired 4 days ago)") && !expired.contains("-4 days"))
        #expect(!text.contains("transcript:"))
    }

    @Test("--transcript prints C:/S: lines and scrubs a secret that slipped through")
    func transcript() {
        var result = Fixture.success()
        result.transcript.append(TranscriptLine(direction: .server, text: "* BAD echo \(Fixture.password)", offset: .zero))
        let text = ProbeReport(
            result: result, now: Fixture.now, showTranscript: true, secrets: [Secret(Fixture.password)]
        ).render()
        #expect(text.contains("\ntranscript:\nS: * OK Dovecot ready.\nC: a1 LOGIN \"monitor\" <redacted>\nS: a1 OK Logged in\n"))
        #expect(text.contains("S: * BAD echo <redacted>"))
        #expect(!text.contains(Fixture.password))
    }

    @Test("--json: sorted keys, seconds as numbers, phases as {phase, status, seconds, reason}")
    func json() throws {
        var result = Fixture.authFailure()
        result.greeting = "hello \(Fixture.password)"
        let text = try ProbeReport(result: result, now: Fixture.now, secrets: [Secret(Fixture.password)]).renderJSON()
        #expect(!text.contains(Fixture.password))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            object.keys.sorted() == [
                "capabilities", "connectedAddress", "failure", "greeting", "host", "phases", "port",
                "postLoginCapabilities", "quota", "quotaResourcesDropped", "quotaRootsDropped", "resolvedAddresses",
                "startedAt", "success", "tlsMode",
                "totalSeconds", "transcript",
            ])
        #expect(object["totalSeconds"] as? Double == 0.011)
        #expect(object["success"] as? Bool == false)
        #expect(object["greeting"] as? String == "hello <redacted>")
        let phases = try #require(object["phases"] as? [[String: Any]])
        #expect(phases.map { $0["phase"] as? String } == Phase.probe.map(\.rawValue))
        #expect(phases.allSatisfy { Set($0.keys) == ["phase", "status", "seconds", "reason"] })
        let login = try #require(phases.first { $0["phase"] as? String == "login" })
        #expect(login["status"] as? String == "failed")
        #expect(login["seconds"] as? Double == 0.005)
        #expect(login["reason"] as? String == "auth_failed")
        let select = try #require(phases.first { $0["phase"] as? String == "select" })
        #expect(select["seconds"] is NSNull)
        #expect(select["reason"] as? String == "not_reached")
        let failure = try #require(object["failure"] as? [String: Any])
        #expect(failure["code"] as? String == "auth_failed")
        #expect(text.range(of: "\"failure\"")?.lowerBound ?? text.endIndex < text.range(of: "\"host\"")?.lowerBound ?? text.startIndex)
    }

    @Test("--json of a success carries tls, mailbox, fetch and quota in base units")
    func jsonSuccess() throws {
        let text = try ProbeReport(result: Fixture.success(), now: Fixture.now).renderJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let quota = try #require(object["quota"] as? [[String: Any]])
        #expect(quota.first?["usage"] as? Int == 41_984)
        #expect(quota.first?["unit"] as? String == "bytes")
        let tls = try #require(object["tls"] as? [String: Any])
        #expect(tls["protocolVersion"] as? String == "TLSv1.3")
        #expect((object["mailbox"] as? [String: Any])?["uidValidity"] as? Int == 1_700_000_000)
        #expect((object["fetch"] as? [String: Any])?["bytesReceived"] as? Int == 1024)
    }

    /// Text a terminal would act on (clear screen, carriage return, NUL, a right-to-left override, C1 CSI).
    static let hostile = "x\u{1B}[2J\r\u{0}\u{202E}\u{9B}y"
    /// How `hostile` must be shown.
    static let hostileShown = #"x\u{1B}[2J\u{D}\u{0}\u{202E}\u{9B}y"#

    @Test("certificate names, greeting, quota roots and transcript lines show control characters as \\u{..}")
    func serverTextIsEscaped() throws {
        var result = Fixture.success()
        let leaf = try #require(result.tls?.leaf)
        var hostileLeaf = leaf
        hostileLeaf.subject = "CN=\(Self.hostile)"
        hostileLeaf.issuer = "CN=\(Self.hostile)"
        hostileLeaf.subjectAlternativeNames = ["imap.example.org", Self.hostile]
        result.tls?.leaf = hostileLeaf
        result.greeting = Self.hostile
        result.quota[0].root = Self.hostile
        result.transcript.append(TranscriptLine(direction: .note, text: Self.hostile, offset: .zero))
        let text = ProbeReport(result: result, now: Fixture.now, showTranscript: true).render()
        for expected in [
            "greeting:     \(Self.hostileShown)", "subject:      CN=\(Self.hostileShown)",
            "issuer:       CN=\(Self.hostileShown)", "SANs:         imap.example.org, \(Self.hostileShown)",
            "quota:        '\(Self.hostileShown)' STORAGE: ", "*: \(Self.hostileShown)",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        #expect(!text.unicodeScalars.contains { !$0.isDisplayable && $0 != "\n" }, "a raw control character: \(text)")

        let json = try ProbeReport(result: result, now: Fixture.now).renderJSON()
        #expect(!json.unicodeScalars.contains { !$0.isDisplayable && $0 != "\n" }, "a raw control character: \(json)")
        #expect(json.contains(#""x\u001b[2J\r\u0000\u202e\u009by""#), "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let names = ((object["tls"] as? [String: Any])?["leaf"] as? [String: Any])?["subjectAlternativeNames"]
        #expect(names as? [String] == ["imap.example.org", Self.hostile], "JSON keeps the exact text, escaped")
    }

    @Test("roots and resources past the caps are counted in the facts and in --json")
    func droppedQuota() throws {
        var result = Fixture.success()
        result.quotaRootsDropped = 4984
        result.quotaResourcesDropped = 1
        let report = ProbeReport(result: result, now: Fixture.now)
        #expect(report.render().contains(
            "\nquota:        4984 more roots and 1 more resource not kept (at most 16 roots of 8 resources each)"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(try report.renderJSON().utf8)) as? [String: Any])
        #expect(object["quotaRootsDropped"] as? Int == 4984)
        #expect(object["quotaResourcesDropped"] as? Int == 1)
        #expect(!ProbeReport(result: Fixture.success(), now: Fixture.now).render().contains("not kept"))
    }

    @Test("the scrubber replaces every occurrence and ignores empty secrets")
    func scrubber() {
        let scrubber = SecretScrubber([Secret(""), Secret("pw"), Secret("pw-long")])
        #expect(scrubber.scrub("a pw-long b pw c") == "a <redacted> b <redacted> c")
        #expect(scrubber.scrub("nothing here") == "nothing here")
    }
}
