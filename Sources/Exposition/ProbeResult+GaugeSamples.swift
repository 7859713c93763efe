import Config
import Prober

extension ProbeResult {
    /// Every gauge sample this result sets for a target probed in `tlsMode`; a fact the probe did not learn has no
    /// sample (no fake zero).
    func gaugeSamples(tlsMode: TLSMode) -> [GaugeSample] {
        var samples: [GaugeSample] = [
            GaugeSample(MetricCatalog.probeSuccess, succeeded ? 1 : 0),
            GaugeSample(MetricCatalog.probeDuration, totalDuration.inSeconds),
            GaugeSample(MetricCatalog.probeLastRun, startedAt),
        ]
        for record in phases {
            if let duration = record.outcome.duration {
                samples.append(
                    GaugeSample(MetricCatalog.phaseSeconds, [("phase", record.phase.rawValue)], duration.inSeconds))
            }
        }
        if let tls {
            if let leaf = tls.leaf {
                samples.append(GaugeSample(MetricCatalog.certNotAfter, Double(leaf.notAfter)))
            }
            if let earliest = tls.earliestNotAfter {
                samples.append(GaugeSample(MetricCatalog.chainEarliestNotAfter, Double(earliest)))
            }
            samples.append(GaugeSample(MetricCatalog.certVerified, tls.verification.isVerified ? 1 : 0))
            samples.append(
                GaugeSample(MetricCatalog.tlsInfo, [("version", tls.protocolVersion), ("cipher", tls.cipher)], 1))
        }
        samples += quotaSamples
        if case .succeeded = outcome(of: .quota) {
            samples.append(GaugeSample(MetricCatalog.quotaRootsDropped, Double(quotaRootsDropped)))
            samples.append(GaugeSample(MetricCatalog.quotaResourcesDropped, Double(quotaResourcesDropped)))
        }
        if let mailbox {
            samples.append(GaugeSample(MetricCatalog.mailboxMessages, Double(mailbox.messages)))
        }
        if tlsMode == .starttls, let offered = starttlsOffered {
            samples.append(GaugeSample(MetricCatalog.starttlsOffered, offered ? 1 : 0))
        }
        for capability in WatchedCapability.present(in: capabilities + postLoginCapabilities) {
            samples.append(GaugeSample(MetricCatalog.capabilityInfo, [("capability", capability.rawValue)], 1))
        }
        return samples
    }

    /// Usage and limit of every STORAGE (bytes) and MESSAGE (messages) resource, per root.
    ///
    /// Other resources (ANNOTATION-STORAGE, MAILBOX, ...) have no family yet and are left out. When one root
    /// reports a unit twice, the first wins, so no series is set twice from one result.
    private var quotaSamples: [GaugeSample] {
        var samples: [GaugeSample] = []
        var seen: Set<SeriesKey> = []
        for root in quota {
            for resource in root.resources {
                let families: (usage: MetricFamily, limit: MetricFamily)
                switch resource.unit {
                case .bytes: families = (MetricCatalog.quotaUsageBytes, MetricCatalog.quotaLimitBytes)
                case .messages: families = (MetricCatalog.quotaUsageMessages, MetricCatalog.quotaLimitMessages)
                case .count: continue
                }
                let usage = GaugeSample(families.usage, [("root", root.root)], Double(resource.usage))
                guard seen.insert(usage.key).inserted else { continue }
                samples.append(usage)
                samples.append(GaugeSample(families.limit, [("root", root.root)], Double(resource.limit)))
            }
        }
        return samples
    }
}
