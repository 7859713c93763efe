/// The body for a Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received"):
/// a message with one Adaptive Card (schema 1.4): the heading in bold, then one text block per alert, coloured
/// by state (attention for critical, warning, good once resolved).
///
/// Teams refuses messages over about 28 KB. The text is cut with the chat text's rules to `characterLimit` bytes
/// of UTF-8 (not characters: one CJK character is three bytes), and when the JSON around many short lines still
/// takes the body over `byteLimit`, cut again to a proportionally smaller limit until it fits.
public enum TeamsCard {
    /// The most text in one card, in bytes of UTF-8.
    public static let characterLimit = 14_000
    /// The largest body sent, in bytes.
    public static let byteLimit = 27_000

    /// The request body for `notifications`.
    public static func body(for notifications: [AlertNotification]) -> [UInt8] {
        var limit = characterLimit
        while true {
            let body = card(notifications, limit: limit)
            // Each round cuts the limit by at least a tenth: a handful of rounds at most.
            guard body.count > byteLimit, limit > 500 else { return body }
            limit = max(500, limit * byteLimit / body.count * 9 / 10)
        }
    }

    private static func card(_ notifications: [AlertNotification], limit: Int) -> [UInt8] {
        let lines = ChatText.render(notifications, limit: limit, measure: .utf8).split(separator: "\n").map(String.init)
        var blocks = [TextBlock(text: lines.first ?? "imapwatch", weight: "Bolder", color: nil)]
        for line in lines.dropFirst() {
            blocks.append(TextBlock(text: line, weight: nil, color: color(of: line)))
        }
        let message = Message(
            type: "message",
            attachments: [
                Attachment(
                    contentType: "application/vnd.microsoft.card.adaptive",
                    content: Card(
                        schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard",
                        version: "1.4", body: blocks))
            ])
        return ReceiverJSON.encode(message)
    }

    /// The Adaptive Card colour of an alert line, from the marker `ChatText` starts it with.
    static func color(of line: String) -> String? {
        if line.hasPrefix("[CRITICAL]") { return "Attention" }
        if line.hasPrefix("[WARNING]") { return "Warning" }
        if line.hasPrefix("[RESOLVED]") { return "Good" }
        return nil
    }

    struct Message: Encodable {
        var type: String
        var attachments: [Attachment]
    }

    struct Attachment: Encodable {
        var contentType: String
        var content: Card
    }

    struct Card: Encodable {
        var schema: String
        var type: String
        var version: String
        var body: [TextBlock]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case type, version, body
        }
    }

    struct TextBlock: Encodable {
        var type = "TextBlock"
        var text: String
        var wrap = true
        var weight: String?
        var color: String?

        init(text: String, weight: String?, color: String?) {
            self.text = text
            self.weight = weight
            self.color = color
        }
    }
}
