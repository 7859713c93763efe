#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Config

/// How one receiver's bodies are written: the kind's format, and the content type they are sent with.
public struct ReceiverFormat: Sendable {
    /// The content type of every body.
    public let contentType: String
    /// Whether a person reads it (a chat message, cut to fit) rather than a program (every alert must arrive).
    public let isForPeople: Bool
    private let render: @Sendable ([AlertNotification]) throws -> [UInt8]

    /// Why a body could not be written (only a user's template can fail); the notification is not sent.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong, naming the receiver.
        public var description: String
    }

    /// The format of `receiver`; `site` is where the agent's own pages are, for the Alertmanager formats'
    /// `externalURL` and `generatorURL`. A template receiver's template is read and compiled now.
    public static func of(_ receiver: ReceiverConfiguration, site: String) throws(Failure) -> ReceiverFormat {
        let name = receiver.name
        switch receiver.kind {
        case .slack: return chat(.slack)
        case .mattermost: return chat(.mattermost)
        case .rocketchat: return chat(.rocketchat)
        case .discord: return chat(.discord)
        case .googlechat: return chat(.googlechat)
        case .teams: return ReceiverFormat(contentType: json, isForPeople: true) { TeamsCard.body(for: $0) }
        case .ntfy:
            let topic = receiver.topic ?? ""
            return ReceiverFormat(contentType: json, isForPeople: true) { NtfyMessage.body(for: $0, topic: topic) }
        case .webhook:
            return ReceiverFormat(contentType: json) {
                AlertmanagerPayload.webhook($0, receiver: name, externalURL: site, generatorURL: site)
            }
        case .alertmanager:
            return ReceiverFormat(contentType: json) { AlertmanagerPayload.postableAlerts($0, generatorURL: site) }
        case .template:
            return try template(receiver)
        }
    }

    /// The body for one group of `notifications`.
    public func body(for notifications: [AlertNotification]) throws -> [UInt8] {
        try render(notifications)
    }

    private init(
        contentType: String, isForPeople: Bool = false,
        render: @escaping @Sendable ([AlertNotification]) throws -> [UInt8]
    ) {
        self.contentType = contentType
        self.isForPeople = isForPeople
        self.render = render
    }

    private static let json = "application/json"

    private static func chat(_ service: ChatService) -> ReceiverFormat {
        ReceiverFormat(contentType: json, isForPeople: true) { service.body(for: $0) }
    }

    /// A template receiver's format: its file read and compiled now, so a syntax error stops the start or the
    /// reload (with the line) instead of the first alert.
    private static func template(_ receiver: ReceiverConfiguration) throws(Failure) -> ReceiverFormat {
        let name = receiver.name
        guard let path = receiver.templateFile else {
            throw Failure(description: "receiver '\(name)': a template receiver needs template_file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "receiver '\(name)': cannot read the template \(path)")
        }
        let template: TemplateBody
        do {
            template = try TemplateBody(
                template: String(decoding: data, as: UTF8.self), contentType: receiver.contentType ?? json)
        } catch {
            throw Failure(description: "receiver '\(name)': \(path): \(error)")
        }
        return ReceiverFormat(contentType: template.contentType) { try template.body(for: $0) }
    }
}
