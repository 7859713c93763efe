import IMAPProtocol

extension ProbeRun {
    /// `quota`: GETQUOTAROOT for the mailbox when the server has QUOTA after login; skipped as unsupported
    /// otherwise. When login did not announce the capabilities, CAPABILITY is asked first, inside this phase.
    func quota() async throws(ProbeFailure) {
        guard settings.checkQuota else {
            skip(.quota, .notRequested)
            return
        }
        let mailbox = settings.mailbox
        let supported = try await timed(.quota, recordingSuccess: false) { () async throws -> Bool in
            if !capabilitiesAfterLogin {
                try await refreshCapabilities()
                capabilitiesAfterLogin = true
                result.postLoginCapabilities = capabilities.map(\.rawValue)
            }
            guard capabilities.contains(.quota) else { return false }
            let outcome = try await requireSession().run(.getQuotaRoot(mailbox: mailbox), capabilities: capabilities)
            guard outcome.tagged.status.condition == .ok else {
                throw rejection(outcome.tagged, code: .quotaFailed, in: .quota, doing: "GETQUOTAROOT")
            }
            result.quota = try Self.quotaFacts(outcome)
            return true
        }
        if let duration = supported.duration, supported.value {
            ledger.record(.quota, .succeeded(duration))
        } else {
            skip(.quota, .unsupported)
        }
    }

    /// Every QUOTA response, in root order, converted to base units (STORAGE × 1024 octets).
    static func quotaFacts(_ outcome: CommandOutcome) throws -> [QuotaFacts] {
        var facts: [QuotaFacts] = []
        for case .quota(let quota) in outcome.untagged {
            var resources: [QuotaFacts.Resource] = []
            for resource in quota.resources {
                resources.append(convert(resource))
            }
            facts.append(QuotaFacts(root: quota.root, resources: resources))
        }
        return facts
    }

    /// 1024-octet units in bytes, saturating at `UInt64.max`.
    private static func bytes(_ units: UInt64) -> UInt64 {
        let (value, overflow) = units.multipliedReportingOverflow(by: 1024)
        return overflow ? .max : value
    }

    private static func convert(_ resource: QuotaResource) -> QuotaFacts.Resource {
        switch resource.name {
        case "STORAGE":
            // RFC 9208 allows number64 here; a value past UInt64.max bytes (an "unlimited" sentinel) saturates.
            return .init(name: resource.name, usage: bytes(resource.usage), limit: bytes(resource.limit), unit: .bytes)
        case "MESSAGE":
            return .init(name: resource.name, usage: resource.usage, limit: resource.limit, unit: .messages)
        default:
            return .init(name: resource.name, usage: resource.usage, limit: resource.limit, unit: .count)
        }
    }
}
