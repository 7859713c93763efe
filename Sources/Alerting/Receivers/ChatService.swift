#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The chat services whose incoming webhooks take one text field, and the limits their documentation gives.
public enum ChatService: String, Sendable, Hashable, CaseIterable {
    /// Slack incoming webhook: `{"text": …}`; messages longer than 40,000 characters are truncated by Slack.
    case slack
    /// Mattermost incoming webhook: `{"text": …}`; a post holds at most 16,383 characters.
    case mattermost
    /// Rocket.Chat incoming webhook: `{"text": …}`; 5,000 characters by default (`Message_MaxAllowedSize`).
    case rocketchat
    /// Discord webhook: `{"content": …}`, at most 2,000 characters.
    case discord
    /// Google Chat incoming webhook: `{"text": …}`, at most 4,096 characters.
    case googlechat

    /// The most text the service takes in one message.
    public var characterLimit: Int {
        switch self {
        case .slack: 40_000
        case .mattermost: 16_383
        case .rocketchat: 5_000
        case .discord: 2_000
        case .googlechat: 4_096
        }
    }

    /// The JSON field that carries the text.
    var textField: String {
        self == .discord ? "content" : "text"
    }

    /// The request body for `notifications`: one JSON object with the text, cut to the service's limit.
    public func body(for notifications: [AlertNotification]) -> [UInt8] {
        let text = ChatText.render(notifications, limit: characterLimit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode([textField: text])) ?? Data("{}".utf8)
        return Array(data)
    }
}
