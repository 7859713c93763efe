import Prober

extension NagiosReport {
    /// The lines after the status line for `-v`: each phase's outcome, connection, TLS and certificate facts,
    /// quota per root and resource, and the mailbox. One fact per line, no `|`, secrets scrubbed.
    public var longOutput: [String] {
        var lines = result.phases.map(Self.phaseLine)
        if let address = result.connectedAddress {
            let resolved = result.resolvedAddresses.isEmpty
                ? "" : " (resolved: \(result.resolvedAddresses.joined(separator: ", ")))"
            lines.append("connection: \(address)\(resolved)")
        }
        if let tls = result.tls {
            let verification = tls.verification.isVerified
                ? "verified" : "NOT verified: \(tls.verification.reason) (code \(tls.verification.code))"
            lines.append("tls: \(tls.protocolVersion) \(tls.cipher), certificate \(verification)")
            if let leaf = tls.leaf {
                lines.append(
                    "certificate: subject \(leaf.subject); issuer \(leaf.issuer); notAfter "
                        + TimestampText.iso8601(leaf.notAfter))
            }
            if let earliest = tls.earliestNotAfter, let days = assessment.certificateDaysLeft {
                lines.append("certificate chain: earliest notAfter \(TimestampText.iso8601(earliest)) (\(days) days left)")
            }
        }
        for root in result.quota {
            for resource in root.resources {
                lines.append("quota '\(root.root)' \(resource.name): \(Self.quotaText(resource))")
            }
        }
        if let mailbox = result.mailbox {
            let validity = mailbox.uidValidity.map { ", UIDVALIDITY \($0)" } ?? ""
            lines.append("mailbox \(mailbox.name): EXISTS \(mailbox.messages)\(validity)")
        }
        return lines.map { scrubber.scrub($0.statusText) }
    }

    /// `login: ok 0.041s`, `select: skipped (not_reached)`, `login: FAILED after 0.005s: auth_failed (...)`.
    static func phaseLine(_ record: PhaseRecord) -> String {
        let name = record.phase.rawValue
        switch record.outcome {
        case .succeeded(let duration):
            return "\(name): ok \(Perfdatum.number(duration.inSeconds))s"
        case .failed(let duration, let failure):
            let detail = failure.serverText.flatMap { $0.isEmpty ? nil : $0 } ?? failure.message
            return "\(name): FAILED after \(Perfdatum.number(duration.inSeconds))s: \(failure.code.rawValue) (\(detail))"
        case .skipped(let reason):
            return "\(name): skipped (\(reason.rawValue))"
        }
    }

    /// `41.0 KiB of 100.0 KiB (41%)` for bytes, `5 of 1000 (0.5%)` for counts.
    static func quotaText(_ resource: QuotaFacts.Resource) -> String {
        let percent = resource.percentUsed.map { " (\(Perfdatum.number(($0 * 10).rounded() / 10))%)" } ?? ""
        switch resource.unit {
        case .bytes:
            return "\(ByteCount.format(resource.usage)) of \(ByteCount.format(resource.limit))\(percent)"
        case .messages, .count:
            return "\(resource.usage) of \(resource.limit)\(percent)"
        }
    }
}
