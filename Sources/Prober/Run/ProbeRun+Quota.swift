import IMAPProtocol

extension ProbeRun {
    /// `quota`: GETQUOTAROOT for the mailbox when the server has QUOTA after login; skipped as unsupported
    /// otherwise. When login did not announce the capabilities, CAPABILITY is asked first, inside this phase.
    func quota() -> PhaseStep {
        guard authenticated, settings.checkQuota else { return .skipped(.notRequested) }
        guard capabilitiesAfterLogin else { return .command(.capability, .quotaCapabilities) }
        return quotaRoot()
    }

    func quotaCapabilitiesAnswered(_ outcome: CommandOutcome) throws -> PhaseStep {
        try learnCapabilities(from: outcome)
        capabilitiesAfterLogin = true
        result.postLoginCapabilities = capabilities.map(\.rawValue)
        return quotaRoot()
    }

    private func quotaRoot() -> PhaseStep {
        guard capabilities.contains(.quota) else { return .ranAndSkipped(.unsupported) }
        return .command(.getQuotaRoot(mailbox: settings.mailbox), .quotaRoot)
    }

    func quotaRootAnswered(_ outcome: CommandOutcome) throws -> PhaseStep {
        guard outcome.tagged.status.condition == .ok else {
            throw rejection(outcome.tagged, code: .quotaFailed, in: .quota, doing: "GETQUOTAROOT")
        }
        let kept = Self.quotaFacts(outcome)
        result.quota = kept.roots
        result.quotaRootsDropped = kept.droppedRoots
        result.quotaResourcesDropped = kept.droppedResources
        return .succeeded
    }

    /// The first `QuotaFacts.maximumRoots` QUOTA responses, in the server's order, each with its first
    /// `QuotaFacts.maximumResources` resources converted to base units (STORAGE × 1024 octets); the rest are
    /// counted: roots past the cap, and resources past the cap in a kept root.
    static func quotaFacts(_ outcome: CommandOutcome) -> (roots: [QuotaFacts], droppedRoots: Int, droppedResources: Int) {
        var facts: [QuotaFacts] = []
        var droppedRoots = 0
        var droppedResources = 0
        for case .quota(let quota) in outcome.untagged {
            guard facts.count < QuotaFacts.maximumRoots else {
                droppedRoots += 1
                continue
            }
            let resources = quota.resources.prefix(QuotaFacts.maximumResources).map(convert)
            droppedResources += quota.resources.count - resources.count
            facts.append(QuotaFacts(root: quota.root.escapingControlCharacters, resources: resources))
        }
        return (facts, droppedRoots, droppedResources)
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
