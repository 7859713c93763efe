#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Prober
import Transport

extension MailFlowReport {
    /// The whole run as JSON with sorted keys: the verdict and its findings, the submission (phases in seconds,
    /// TLS facts, the accepting reply or the failure with its reply code), the mailbox session as `probe --json`
    /// shows a probe, and the delivery. Secrets are scrubbed from every string, control characters escaped.
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(result, assessment: assessment, showTranscript: showTranscript))
        return ProbeReport.escapingControlCharacters(inJSON: scrubber.scrub(String(decoding: data, as: UTF8.self)))
    }

    /// The JSON shape of a `MailFlowResult`.
    struct Document: Encodable {
        struct Finding: Encodable {
            var status: String
            var text: String
        }
        struct PhaseTime: Encodable {
            var phase: String
            var seconds: Double
        }
        struct Failure: Encodable {
            var code: String
            var phase: String
            var message: String
            var replyCode: Int?
            var enhancedStatus: String?
        }
        struct Submission: Encodable {
            var phases: [PhaseTime]
            var connectedAddress: String?
            var tls: TLSSessionFacts?
            var mechanism: String?
            var accepted: String?
            var failure: Failure?
            var transcript: [String]
        }
        struct Delivery: Encodable {
            var token: String
            var expectedFolder: String
            var folder: String?
            var seconds: Double?
            var timedByArrival: Bool
            var rounds: Int
            var missingFolders: [String]
            var removed: Int
            var staleFound: Int
            var staleRemoved: Int
            var cleanupIncomplete: Bool
        }

        var status: String
        var token: String
        var startedAt: Double
        var acceptedAt: Double?
        var findings: [Finding]
        var submission: Submission?
        var mailbox: ProbeReport.Document?
        var delivery: Delivery?

        init(_ result: MailFlowResult, assessment: HealthAssessment, showTranscript: Bool) {
            status = assessment.status.label
            token = result.token.description
            startedAt = result.startedAt
            acceptedAt = result.acceptedUnix
            findings = assessment.findings.map { Finding(status: $0.status.label, text: $0.text) }
            submission = result.submission.map { submission in
                Submission(
                    phases: submission.phases.map { PhaseTime(phase: $0.phase.rawValue, seconds: $0.duration.inSeconds) },
                    connectedAddress: submission.connectedAddress, tls: submission.tls, mechanism: submission.mechanism,
                    accepted: submission.acceptedText,
                    failure: submission.failure.map {
                        Failure(
                            code: $0.code.rawValue, phase: $0.phase.rawValue, message: $0.message, replyCode: $0.replyCode,
                            enhancedStatus: $0.enhancedStatus)
                    },
                    transcript: showTranscript ? submission.transcript : [])
            }
            mailbox = result.mailbox.map { mailbox in
                var document = ProbeReport.Document(mailbox)
                if !showTranscript { document.transcript = [] }
                return document
            }
            delivery = result.delivery.map {
                Delivery(
                    token: $0.token, expectedFolder: $0.expectedFolder, folder: $0.folder, seconds: $0.delay?.inSeconds,
                    timedByArrival: $0.timedByArrival, rounds: $0.rounds, missingFolders: $0.missingFolders,
                    removed: $0.removed, staleFound: $0.staleFound, staleRemoved: $0.staleRemoved,
                    cleanupIncomplete: $0.cleanupIncomplete)
            }
        }
    }
}
