import IMAPProtocol
import Prober

extension NagiosReport {
    /// The lines after the status line for `-v`: each phase's outcome, connection, TLS and certificate facts,
    /// quota per root and resource, and the mailbox. One fact per line, no `|`, secrets scrubbed, control
    /// characters in the server's text shown as `\u{..}` escapes.
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
                    "certificate: subject \(leaf.subject.escapingControlCharacters); "
                        + "issuer \(leaf.issuer.escapingControlCharacters); notAfter "
                        + TimestampText.iso8601(leaf.notAfter))
            }
            if let earliest = tls.earliestNotAfter, let days = assessment.certificateDaysLeft {
                lines.append(
                    "certificate chain: earliest notAfter \(TimestampText.iso8601(earliest)) (\(Self.daysText(days)))")
            }
        }
        for root in result.quota {
            for resource in root.resources {
                lines.append("quota '\(root.root)' \(resource.name): \(Self.quotaText(resource))")
            }
        }
        if let dropped = Self.quotaDroppedText(result) { lines.append("quota: \(dropped)") }
        if let mailbox = result.mailbox {
            let validity = mailbox.uidValidity.map { ", UIDVALIDITY \($0)" } ?? ""
            lines.append("mailbox \(mailbox.name): EXISTS \(mailbox.messages)\(validity)")
        }
        return lines.map { scrubber.scrub($0.statusText) }
    }

    /// `login: ok 41.000 ms`, `select: skipped (not_reached)`, `login: FAILED after 5.000 ms: auth_failed (...)`.
    ///
    /// Milliseconds with three decimals: microsecond phases stay visible and every line reads in one unit.
    static func phaseLine(_ record: PhaseRecord) -> String {
        let name = record.phase.rawValue
        switch record.outcome {
        case .succeeded(let duration):
            return "\(name): ok \(millisecondsText(duration.inSeconds))"
        case .failed(let duration, let failure):
            let detail = failure.serverText.flatMap { $0.isEmpty ? nil : $0 } ?? failure.message
            return "\(name): FAILED after \(millisecondsText(duration.inSeconds)): \(failure.code.rawValue) (\(detail))"
        case .skipped(let reason):
            return "\(name): skipped (\(reason.rawValue))"
        }
    }

    /// `0.438 ms`, `1501.646 ms`: seconds as milliseconds with exactly three decimals.
    static func millisecondsText(_ seconds: Double) -> String {
        let micros = Int64((seconds * 1_000_000).rounded())
        let sign = micros < 0 ? "-" : ""
        let fraction = String(micros.magnitude % 1000)
        return "\(sign)\(micros.magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) ms"
    }

    /// `364 days left`, `0 days left`, `expired 31 days ago` (whole days, rounded down).
    static func daysText(_ days: Int) -> String {
        days >= 0 ? "\(days) days left" : "expired \(-days) days ago"
    }

    /// `4984 more roots and 12 more resources not kept (at most 16 roots of 8 resources each)`, or `nil` when the
    /// server's quota answer fitted under the caps.
    static func quotaDroppedText(_ result: ProbeResult) -> String? {
        let counts = [(result.quotaRootsDropped, "root"), (result.quotaResourcesDropped, "resource")]
        let parts = counts.filter { $0.0 > 0 }.map { "\($0.0) more \($0.1)\($0.0 == 1 ? "" : "s")" }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: " and ")
            + " not kept (at most \(QuotaFacts.maximumRoots) roots of \(QuotaFacts.maximumResources) resources each)"
    }

    /// `41.0 KiB of 100.0 KiB (41%)` for bytes, `5 of 1000 (0.5%)` for counts.
    static func quotaText(_ resource: QuotaFacts.Resource) -> String {
        let percent = resource.percentUsed.map { " (\(percentText($0))%)" } ?? ""
        switch resource.unit {
        case .bytes:
            return "\(ByteCount.format(resource.usage)) of \(ByteCount.format(resource.limit))\(percent)"
        case .messages, .count:
            return "\(resource.usage) of \(resource.limit)\(percent)"
        }
    }
}
