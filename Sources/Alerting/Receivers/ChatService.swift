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
    ///
    /// Summaries carry the mail server's own words, so nothing in them may ping a channel or plant a link:
    /// Slack and Google Chat get `&`, `<` and `>` escaped (their mention and link syntax needs `<`), Mattermost and
    /// Rocket.Chat a zero-width space after every `@` (their `@channel`, `@all`, `@here` are plain text), and
    /// Discord `allowed_mentions` with nothing allowed.
    public func body(for notifications: [AlertNotification]) -> [UInt8] {
        let (heading, lines) = ChatText.parts(notifications)
        let text = ChatText.fit(heading: defused(heading), lines: lines.map(defused), limit: characterLimit)
        return self == .discord
            ? ReceiverJSON.encode(DiscordMessage(content: text, allowedMentions: .init(parse: [])))
            : ReceiverJSON.encode([textField: text])
    }

    /// `text` with the service's mention and link syntax made inert; applied to each line before the text is
    /// fitted to the limit, so the escapes count.
    func defused(_ text: String) -> String {
        switch self {
        case .slack, .googlechat:
            var out = ""
            for character in text {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                default: out.append(character)
                }
            }
            return out
        case .mattermost, .rocketchat:
            var out = ""
            for character in text {
                out.append(character)
                if character == "@" { out.append("\u{200B}") }
            }
            return out
        case .discord:
            return text
        }
    }

    /// Discord's body: the content, and no mention allowed to ping.
    struct DiscordMessage: Encodable {
        var content: String
        var allowedMentions: AllowedMentions

        struct AllowedMentions: Encodable {
            var parse: [String]
        }

        enum CodingKeys: String, CodingKey {
            case content
            case allowedMentions = "allowed_mentions"
        }
    }
}
