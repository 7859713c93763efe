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
            if let leaf = tls.leaf, let scrubbed = Self.scrubbed(leaf, by: scrubber) { tls.leaf = scrubbed }
            Self.scrub(&tls.presentedChain, by: scrubber)
            Self.scrub(&tls.verifiedChain, by: scrubber)
            result.tls = tls
        }
        result.capabilities = scrubber.scrub(capabilities)
        result.postLoginCapabilities = scrubber.scrub(postLoginCapabilities)
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
        if var submission {
            submission.transcript = scrubber.scrub(submission.transcript)
            submission.acceptedText = submission.acceptedText.map(scrubber.scrub)
            if var failure = submission.failure {
                failure.message = scrubber.scrub(failure.message)
                submission.failure = failure
            }
            result.submission = submission
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

    /// Scrubs each certificate of `chain` in place, writing only those that change (nearly always none, so the
    /// array is not copied).
    private static func scrub(_ chain: inout [CertificateFacts], by scrubber: SecretScrubber) {
        for index in chain.indices {
            if let scrubbed = scrubbed(chain[index], by: scrubber) { chain[index] = scrubbed }
        }
    }

    /// `facts` with its subject, issuer and names scrubbed, or nil when none holds a form.
    private static func scrubbed(_ facts: CertificateFacts, by scrubber: SecretScrubber) -> CertificateFacts? {
        let subject = scrubber.scrubbed(facts.subject), issuer = scrubber.scrubbed(facts.issuer)
        let names = scrubber.scrub(facts.subjectAlternativeNames)
        guard subject != nil || issuer != nil || names != facts.subjectAlternativeNames else { return nil }
        var facts = facts
        facts.subject = subject ?? facts.subject
        facts.issuer = issuer ?? facts.issuer
        facts.subjectAlternativeNames = names
        return facts
    }
}
