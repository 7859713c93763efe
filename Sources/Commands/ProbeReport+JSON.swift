#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IMAPProtocol
import Prober
import Transport

extension ProbeReport {
    /// The whole result as JSON with sorted keys: durations in seconds as numbers, phases as an array of
    /// `{phase, status, seconds, reason}`. Secrets are scrubbed from every string, and every control character
    /// (C1 and bidirectional overrides too, which JSON allows raw) is a `\uXXXX` escape.
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(result))
        let text = String(decoding: data, as: UTF8.self)
        return Self.escapingControlCharacters(inJSON: scrubber.scrub(text))
    }

    /// `json` with every scalar `escapingControlCharacters` would escape written as `\uXXXX`, but the line feeds
    /// of pretty printing (the encoder has escaped those inside strings already).
    static func escapingControlCharacters(inJSON json: String) -> String {
        var result = ""
        for scalar in json.unicodeScalars {
            if scalar.isDisplayable || scalar == "\n" {
                result.unicodeScalars.append(scalar)
            } else {
                result += scalar.jsonEscaped
            }
        }
        return result
    }

    /// The JSON shape of a `ProbeResult`.
    struct Document: Encodable {
        /// Always all four keys; `seconds` is null for a skipped phase, `reason` null for a succeeded one.
        struct PhaseEntry: Encodable {
            var phase: String
            var status: String
            var seconds: Double?
            var reason: String?

            enum CodingKeys: String, CodingKey { case phase, status, seconds, reason }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(phase, forKey: .phase)
                try container.encode(status, forKey: .status)
                try container.encode(seconds, forKey: .seconds)
                try container.encode(reason, forKey: .reason)
            }
        }
        struct Failure: Encodable {
            var code: String
            var phase: String
            var message: String
            var serverText: String?
        }
        struct Mailbox: Encodable {
            var name: String
            var messages: Int
            var uidValidity: UInt32?
            var uidNext: UInt32?
            var readOnly: Bool
        }
        struct Fetch: Encodable {
            var sequenceNumber: Int
            var bytesRequested: Int
            var bytesReceived: Int
            var messageSize: Int?
        }
        struct QuotaResource: Encodable {
            var root: String
            var resource: String
            var usage: UInt64
            var limit: UInt64
            var unit: String
            var percentUsed: Double?
        }
        struct Line: Encodable {
            var direction: String
            var text: String
            var seconds: Double
        }

        var host: String
        var port: Int
        var tlsMode: String
        var startedAt: Double
        var success: Bool
        var totalSeconds: Double
        var phases: [PhaseEntry]
        var failure: Failure?
        var connectedAddress: String?
        var resolvedAddresses: [String]
        var tls: TLSSessionFacts?
        var greeting: String?
        var capabilities: [String]
        var postLoginCapabilities: [String]
        var starttlsOffered: Bool?
        var authMechanism: String?
        var mailbox: Mailbox?
        var fetch: Fetch?
        var quota: [QuotaResource]
        var quotaRootsDropped: Int
        var quotaResourcesDropped: Int
        var transcript: [Line]

        init(_ result: ProbeResult) {
            host = result.host
            port = result.port
            tlsMode = result.tlsMode.rawValue
            startedAt = result.startedAt
            success = result.succeeded
            totalSeconds = result.totalDuration.inSeconds
            phases = result.phases.map { record in
                switch record.outcome {
                case .succeeded(let duration):
                    PhaseEntry(phase: record.phase.rawValue, status: "succeeded", seconds: duration.inSeconds)
                case .failed(let duration, let failure):
                    PhaseEntry(
                        phase: record.phase.rawValue, status: "failed", seconds: duration.inSeconds,
                        reason: failure.code.rawValue)
                case .skipped(let reason):
                    PhaseEntry(phase: record.phase.rawValue, status: "skipped", reason: reason.rawValue)
                }
            }
            failure = result.failure.map {
                Failure(code: $0.code.rawValue, phase: $0.phase.rawValue, message: $0.message, serverText: $0.serverText)
            }
            connectedAddress = result.connectedAddress
            resolvedAddresses = result.resolvedAddresses
            tls = result.tls
            greeting = result.greeting
            capabilities = result.capabilities
            postLoginCapabilities = result.postLoginCapabilities
            starttlsOffered = result.starttlsOffered
            authMechanism = result.authMechanism?.rawValue
            mailbox = result.mailbox.map {
                Mailbox(name: $0.name, messages: $0.messages, uidValidity: $0.uidValidity, uidNext: $0.uidNext, readOnly: $0.readOnly)
            }
            fetch = result.fetch.map {
                Fetch(sequenceNumber: $0.sequenceNumber, bytesRequested: $0.bytesRequested, bytesReceived: $0.bytesReceived, messageSize: $0.messageSize)
            }
            quota = result.quota.flatMap { root in
                root.resources.map {
                    QuotaResource(
                        root: root.root, resource: $0.name, usage: $0.usage, limit: $0.limit, unit: $0.unit.rawValue,
                        percentUsed: $0.percentUsed)
                }
            }
            quotaRootsDropped = result.quotaRootsDropped
            quotaResourcesDropped = result.quotaResourcesDropped
            transcript = result.transcript.map {
                Line(direction: $0.direction.rawValue, text: $0.text, seconds: $0.offset.inSeconds)
            }
        }
    }
}
