import Transport
import IMAPProtocol
import Prober

extension ProbeReport {
    /// Connection, TLS, certificate, capabilities, mailbox, fetch and quota, one fact per line.
    var facts: [String] {
        var lines: [String] = []
        let resolved = result.resolvedAddresses.isEmpty ? "-" : result.resolvedAddresses.joined(separator: ", ")
        lines.append("connection:   \(result.connectedAddress ?? "-") (resolved: \(resolved))")
        if let greeting = result.greeting { lines.append("greeting:     \(greeting)") }
        if let tls = result.tls { lines += Self.tlsFacts(tls, now: now) }
        if !result.capabilities.isEmpty {
            lines.append("capabilities: \(result.capabilities.joined(separator: " "))")
        }
        if !result.postLoginCapabilities.isEmpty {
            lines.append("after login:  \(result.postLoginCapabilities.joined(separator: " "))")
        }
        if let mechanism = result.authMechanism { lines.append("auth:         \(mechanism.rawValue)") }
        if let mailbox = result.mailbox {
            let validity = mailbox.uidValidity.map { ", UIDVALIDITY \($0)" } ?? ""
            let next = mailbox.uidNext.map { ", UIDNEXT \($0)" } ?? ""
            let mode = mailbox.readOnly ? "read-only" : "read-write"
            lines.append("mailbox:      \(mailbox.name): EXISTS \(mailbox.messages)\(validity)\(next) (\(mode))")
        }
        if let fetch = result.fetch {
            let size = fetch.messageSize.map { " of \($0)" } ?? ""
            lines.append("fetch:        message \(fetch.sequenceNumber): \(fetch.bytesReceived) octets\(size) "
                + "(asked \(fetch.bytesRequested))")
        }
        for root in result.quota {
            for resource in root.resources {
                lines.append("quota:        '\(root.root)' \(resource.name): \(Self.exactQuotaText(resource))")
            }
        }
        if let dropped = NagiosReport.quotaDroppedText(result) { lines.append("quota:        \(dropped)") }
        return lines
    }

    /// The TLS session: version, cipher, verification, the leaf certificate and the chain's earliest expiry.
    static func tlsFacts(_ tls: TLSSessionFacts, now: Double) -> [String] {
        func daysLeft(_ notAfter: Int64) -> String { Self.daysLeft(notAfter, now: now) }
        var lines = ["tls:          \(tls.protocolVersion) \(tls.cipher)"]
        let verification = tls.verification.isVerified
            ? "verified" : "NOT verified: \(tls.verification.reason) (code \(tls.verification.code))"
        lines.append("verification: \(verification)")
        if let leaf = tls.leaf {
            lines.append("subject:      \(leaf.subject)")
            lines.append("issuer:       \(leaf.issuer)")
            lines.append("SANs:         \(leaf.subjectAlternativeNames.joined(separator: ", "))")
            lines.append("notAfter:     \(TimestampText.iso8601(leaf.notAfter)) (\(daysLeft(leaf.notAfter)))")
            lines.append("sha256:       \(leaf.sha256Fingerprint)")
        }
        if let earliest = tls.earliestNotAfter {
            let path =
                tls.verifiedChain.isEmpty
                ? "\(tls.presentedChain.count) presented"
                : "\(tls.presentedChain.count) presented, \(tls.verifiedChain.count) on the verified path"
            lines.append("chain:        \(path), earliest notAfter "
                + "\(TimestampText.iso8601(earliest)) (\(daysLeft(earliest)))")
        }
        return lines
    }

    /// `62 days left` or `expired 4 days ago`: whole days from `now` to `notAfter`, rounded down.
    static func daysLeft(_ notAfter: Int64, now: Double) -> String {
        NagiosReport.daysText(HealthEvaluator.daysLeft(until: notAfter, now: now))
    }

    /// Human-readable and exact: `41.0 KiB of 100.0 KiB (41%; 41984 of 102400 bytes)`.
    static func exactQuotaText(_ resource: QuotaFacts.Resource) -> String {
        let human = NagiosReport.quotaText(resource)
        guard resource.unit == .bytes else { return human }
        return "\(human); \(resource.usage) of \(resource.limit) bytes"
    }
}
