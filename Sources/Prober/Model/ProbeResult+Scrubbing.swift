import Config
import Transport

extension ProbeResult {
    /// The result with every text a server could have filled scrubbed by `scrubber`: the transcript, the
    /// greeting, the failure's message and server text, the capabilities, the quota root and resource names, and
    /// the certificates' subjects, issuers and names.
    /// The prober does this for its own secret; every output surface does it again with the secrets it knows.
    public func scrubbing(_ scrubber: SecretScrubber) -> ProbeResult {
        guard !scrubber.isEmpty else { return self }
        var result = self
        result.transcript = transcript.map { line in
            var line = line
            line.text = scrubber.scrub(line.text)
            return line
        }
        result.greeting = greeting.map(scrubber.scrub)
        if var tls {
            let certificate = { (facts: CertificateFacts) -> CertificateFacts in
                var facts = facts
                facts.subject = scrubber.scrub(facts.subject)
                facts.issuer = scrubber.scrub(facts.issuer)
                facts.subjectAlternativeNames = facts.subjectAlternativeNames.map(scrubber.scrub)
                return facts
            }
            tls.leaf = tls.leaf.map(certificate)
            tls.presentedChain = tls.presentedChain.map(certificate)
            tls.verifiedChain = tls.verifiedChain.map(certificate)
            result.tls = tls
        }
        result.capabilities = capabilities.map(scrubber.scrub)
        result.postLoginCapabilities = postLoginCapabilities.map(scrubber.scrub)
        result.quota = quota.map { facts in
            var facts = facts
            facts.root = scrubber.scrub(facts.root)
            facts.resources = facts.resources.map { resource in
                var resource = resource
                resource.name = scrubber.scrub(resource.name)
                return resource
            }
            return facts
        }
        if var failure {
            failure.message = scrubber.scrub(failure.message)
            failure.serverText = failure.serverText.map(scrubber.scrub)
            result.failure = failure
            result.phases = phases.map { record in
                guard case .failed(let duration, _) = record.outcome else { return record }
                return PhaseRecord(phase: record.phase, outcome: .failed(duration, failure))
            }
        }
        return result
    }
}
