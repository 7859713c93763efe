import Config
import Foundation
import Prober
import Testing

/// Probes against the real test Dovecot on loopback, over real TLS.
@Suite("Probes against a real Dovecot", .serialized)
struct DovecotProbeTests {
    let prober = Prober()

    @Test("993: implicit TLS, every phase timed, facts read")
    func implicitTLSSucceeds() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let result = await prober.probe(env.settings(port: env.imapsPort))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        for phase in [Phase.resolve, .connect, .tlsHandshake, .greeting, .login, .select, .fetch, .quota, .logout] {
            guard case .succeeded(let duration)? = result.outcome(of: phase) else {
                Issue.record("\(phase) did not succeed: \(String(describing: result.outcome(of: phase)))")
                continue
            }
            #expect(duration > .zero)
        }
        // Dovecot puts its capabilities in the greeting.
        #expect(result.outcome(of: .capability) == .skipped(.alreadyKnown))
        #expect(result.outcome(of: .starttls) == .skipped(.notApplicable))
        #expect(result.outcome(of: .capabilityAfterTLS) == .skipped(.notApplicable))
        let tls = try #require(result.tls)
        #expect(tls.verification.isVerified)
        #expect(tls.leaf?.notAfter == env.certNotAfter)
        #expect(result.connectedAddress == "\(env.host):\(env.imapsPort)")
        let mailbox = try #require(result.mailbox)
        #expect(mailbox.messages == env.messageSizes.count)
        #expect(mailbox.readOnly)
        #expect(mailbox.uidValidity != nil)
        let fetch = try #require(result.fetch)
        #expect(fetch.sequenceNumber == env.messageSizes.count)
        #expect(fetch.messageSize == env.messageSizes.last)
        #expect(fetch.bytesReceived == min(1024, env.messageSizes.last ?? 0))
        #expect(result.authMechanism == .plain)
    }

    @Test("143: STARTTLS upgrades in place, then the same dialogue")
    func startTLSSucceeds() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let result = await prober.probe(env.settings(port: env.imapPort))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.outcome(of: .tlsHandshake) == .skipped(.notApplicable))
        guard case .succeeded? = result.outcome(of: .starttls) else {
            Issue.record("starttls: \(String(describing: result.outcome(of: .starttls)))")
            return
        }
        guard case .succeeded? = result.outcome(of: .capabilityAfterTLS) else {
            Issue.record("capability_after_tls: \(String(describing: result.outcome(of: .capabilityAfterTLS)))")
            return
        }
        #expect(result.starttlsOffered == true)
        #expect(result.tls?.verification.isVerified == true)
        #expect(!result.capabilities.contains("STARTTLS"), "capabilities must be the ones asked for after TLS")
        #expect(result.mailbox?.messages == env.messageSizes.count)
    }

    @Test("a host name is resolved, its addresses reported, and the certificate checked against the name")
    func hostNameResolvesAndVerifies() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        // localhost comes from /etc/hosts: no DNS query leaves the machine.
        let result = await prober.probe(env.settings(port: env.imapsPort, host: "localhost"))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.resolvedAddresses.contains("\(env.host):\(env.imapsPort)"))
        #expect(result.connectedAddress == "\(env.host):\(env.imapsPort)")
        #expect(result.tls?.verification.isVerified == true)
        #expect(result.tls?.leaf?.subjectAlternativeNames.contains("localhost") == true)
    }

    @Test("quota equals what doveadm reports, in bytes")
    func quotaMatchesDoveadm() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let result = await prober.probe(env.settings(port: env.imapsPort))
        let root = try #require(result.quota.first { $0.root == env.quotaRoot })
        // doveadm quota get prints: Quota name  Type  Value  Limit  %
        let report = try env.doveadm("quota get -u \(env.user)")
        var expected: [String: (UInt64, UInt64)] = [:]
        for line in report.split(separator: "\n") where line.hasPrefix(env.quotaRoot) {
            let fields = line.dropFirst(env.quotaRoot.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 3, let value = UInt64(fields[1]), let limit = UInt64(fields[2]) else { continue }
            expected[String(fields[0])] = (value, limit)
        }
        let storage = try #require(expected["STORAGE"], "doveadm said: \(report)")
        let messages = try #require(expected["MESSAGE"], "doveadm said: \(report)")
        let probedStorage = try #require(root.resources.first { $0.name == "STORAGE" })
        let probedMessages = try #require(root.resources.first { $0.name == "MESSAGE" })
        #expect(probedStorage.usage == storage.0 * 1024)
        #expect(probedStorage.limit == storage.1 * 1024)
        #expect(probedStorage.unit == .bytes)
        #expect(probedMessages.usage == messages.0)
        #expect(probedMessages.limit == messages.1)
        #expect(probedMessages.unit == .messages)
    }

    @Test("a wrong password fails login with auth_failed and stops there")
    func wrongPassword() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let wrong = "not-the-password-\(UInt32.random(in: 0...UInt32.max))"
        let result = await prober.probe(env.settings(port: env.imapsPort, password: wrong))
        let failure = try #require(result.failure)
        #expect(failure.code == .authFailed)
        #expect(failure.phase == .login)
        #expect(failure.message.hasSuffix("answered NO [AUTHENTICATIONFAILED]"), "\(failure.message)")
        #expect(failure.serverText?.isEmpty == false)
        #expect(result.outcome(of: .select) == .skipped(.notReached))
        #expect(!result.transcript.contains { $0.text.contains(wrong) })
    }

    @Test("a listener without STARTTLS fails starttls_unavailable and no credential is sent")
    func noStartTLS() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        let result = await prober.probe(env.settings(port: env.noStartTLSPort))
        let failure = try #require(result.failure)
        #expect(failure.code == .starttlsUnavailable)
        #expect(failure.phase == .starttls)
        #expect(result.starttlsOffered == false)
        #expect(result.outcome(of: .login) == .skipped(.notReached))
        #expect(!result.transcript.contains { $0.direction == .client && $0.text.contains("LOGIN") })
        #expect(!result.transcript.contains { $0.direction == .client && $0.text.contains("AUTHENTICATE") })
    }

    @Test("plaintext without TLS: credentials refused by the probe's own policy")
    func plaintextRefused() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        var settings = env.settings(port: env.noStartTLSPort)
        settings.tlsMode = .none
        let result = await prober.probe(settings)
        let failure = try #require(result.failure)
        #expect(failure.code == .plaintextAuthRefused)
        #expect(failure.phase == .login)
        #expect(!result.transcript.contains { $0.direction == .client && $0.text.contains("LOGIN") })
    }

    @Test(
        "certificate problems get their own reason codes",
        arguments: [
            ("expired", ProbeFailure.Code.certificateExpired),
            ("untrusted", .certificateUntrusted),
            ("wrong-name", .hostnameMismatch),
        ])
    func certificateProblems(kind: String, code: ProbeFailure.Code) async throws {
        guard let env = DovecotEnvironment.require() else { return }
        var settings = env.settings(port: env.imapsPort, login: false)
        switch kind {
        case "expired": settings.host = ServerHost(testHost: env.expiredHost)
        case "untrusted": settings.host = ServerHost(testHost: env.untrustedHost)
        default: settings.serverName = "wrong.example.test"
        }
        let result = await prober.probe(settings)
        let failure = try #require(result.failure)
        #expect(failure.code == code, "\(failure)")
        #expect(failure.phase == .tlsHandshake)
        #expect(result.tls?.leaf != nil, "the certificate facts are reported even when verification fails")
    }

    @Test("--insecure reports an untrusted certificate but goes on")
    func insecureGoesOn() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        var settings = env.settings(port: env.imapsPort)
        settings.host = ServerHost(testHost: env.untrustedHost)
        settings.insecure = true
        let result = await prober.probe(settings)
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.tls?.verification.isVerified == false)
        #expect(result.mailbox != nil)
    }

    @Test("an empty mailbox skips the fetch, or fails it when a message is required")
    func emptyMailbox() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        var settings = env.settings(port: env.imapsPort, user: env.emptyUser, password: env.emptyPassword)
        let skipped = await prober.probe(settings)
        #expect(skipped.failure == nil, "\(String(describing: skipped.failure))")
        #expect(skipped.mailbox?.messages == 0)
        #expect(skipped.outcome(of: .fetch) == .skipped(.emptyMailbox))
        settings.requireMessage = true
        let required = await prober.probe(settings)
        #expect(required.failure?.code == .mailboxEmpty)
        #expect(required.failure?.phase == .fetch)
    }

    @Test("a mailbox that does not exist fails select with mailbox_unavailable")
    func missingMailbox() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        var settings = env.settings(port: env.imapsPort)
        settings.mailbox = "Does-Not-Exist"
        let result = await prober.probe(settings)
        #expect(result.failure?.code == .mailboxUnavailable)
        #expect(result.failure?.phase == .select)
    }

    @Test("the password never appears in the transcript")
    func transcriptIsRedacted() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        for port in [env.imapPort, env.imapsPort] {
            for mechanism in [AuthMechanism.login, .plain] {
                var settings = env.settings(port: port)
                settings.credentials?.mechanism = mechanism
                let result = await prober.probe(settings)
                #expect(result.failure == nil, "\(mechanism) on \(port): \(String(describing: result.failure))")
                #expect(result.authMechanism == mechanism)
                let text = result.transcript.map(\.text).joined(separator: "\n")
                #expect(!text.contains(env.password))
                let plain = Data("\0\(env.user)\0\(env.password)".utf8).base64EncodedString()
                #expect(!text.contains(plain))
                #expect(text.contains("<redacted>"))
            }
        }
    }

    @Test("without a transcript the probe is the same, with no line kept; with one, each exchange is there")
    func transcriptIsKeptOnlyWhenAskedFor() async throws {
        guard let env = DovecotEnvironment.require() else { return }
        for port in [env.imapPort, env.imapsPort] {
            let kept = await prober.probe(env.settings(port: port))
            let skipped = await prober.probe(env.settings(port: port), keepingTranscript: false)
            #expect(kept.failure == nil && skipped.failure == nil)
            #expect(skipped.transcript.isEmpty)
            #expect(kept.transcript.contains { $0.direction == .client && $0.text.hasSuffix("LOGOUT") })
            #expect(kept.transcript.contains { $0.direction == .server && $0.text.contains("BYE") })
            #expect(skipped.phases.map(\.phase) == kept.phases.map(\.phase))
            // The same outcome in every phase (durations differ from one probe to the next).
            func outcomes(_ result: ProbeResult) -> [String] {
                result.phases.map {
                    switch $0.outcome {
                    case .succeeded: "succeeded"
                    case .failed(_, let failure): "failed \(failure.code)"
                    case .skipped(let reason): "skipped \(reason)"
                    }
                }
            }
            #expect(outcomes(skipped) == outcomes(kept))
            #expect(skipped.mailbox == kept.mailbox)
            #expect(skipped.fetch == kept.fetch)
            #expect(skipped.capabilities == kept.capabilities)
            #expect(skipped.tls?.leaf == kept.tls?.leaf)
        }
    }
}
