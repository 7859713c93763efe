/// The body for ntfy's JSON publishing (`POST` to the server's root URL): the topic, the heading as the title,
/// one line per alert as the message, and a priority and tag from the worst alert (critical 5 and
/// `rotating_light`, warning 4 and `warning`, all resolved 3 and `white_check_mark`).
///
/// ntfy turns a message over 4,096 bytes into an attachment; the message is kept under that, counted in bytes.
public enum NtfyMessage {
    /// The most message bytes.
    public static let byteLimit = 4_096

    /// The request body for `notifications` published to `topic`.
    public static func body(for notifications: [AlertNotification], topic: String) -> [UInt8] {
        let (heading, lines) = ChatText.parts(notifications)
        let text = ChatText.fit(heading: heading, lines: lines, limit: byteLimit, measure: .utf8)
        let message = text.hasPrefix(heading + "\n") ? String(text.dropFirst(heading.count + 1)) : text
        let firing = notifications.filter { $0.status == .firing }.map(\.level).max()
        let (priority, tag) =
            switch firing {
            case .critical?: (5, "rotating_light")
            case .warning?: (4, "warning")
            default: (3, "white_check_mark")
            }
        return ReceiverJSON.encode(
            Payload(topic: topic, title: heading, message: message, priority: priority, tags: [tag]))
    }

    struct Payload: Encodable {
        var topic: String
        var title: String
        var message: String
        var priority: Int
        var tags: [String]
    }
}
