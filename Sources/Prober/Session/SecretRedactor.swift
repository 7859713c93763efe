import Config
import IMAPProtocol

/// Removes every form in which the probe sent its secret from what a server sent back.
///
/// A server may echo a command in its NO/BAD text (`NO bad: A001 AUTHENTICATE PLAIN AG1vbgBo...`): the secret then
/// comes back raw, IMAP-quoted, base64-encoded inside a SASL response, or as the transcript's `\xNN` escapes.
/// Each of those forms is replaced by `<redacted>` in the transcript, the greeting and the failure.
struct SecretRedactor {
    /// The forms to remove, longest first so a form is never half-replaced by a shorter one.
    private let forms: [String]

    init(credentials: Credentials?) {
        guard let credentials, !credentials.secret.exposedValue.isEmpty else {
            forms = []
            return
        }
        let secret = credentials.secret.exposedValue
        let user = credentials.username
        let quoted = secret.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        let saslResponses = [
            SASL.plain(username: user, password: secret),
            SASL.xoauth2(username: user, accessToken: secret),
            SASL.oauthBearer(username: user, accessToken: secret),
        ]
        var forms: Set<String> = [secret, quoted, ResponseTranscript.escape(Array(secret.utf8)[...])]
        for response in saslResponses {
            forms.insert(Base64.encode(response))
            forms.insert(ResponseTranscript.escape(response[...]))
        }
        self.forms = forms.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// `text` with every form of the secret replaced by `<redacted>`.
    func redact(_ text: String) -> String {
        var text = text
        for form in forms where Self.occurs(form, in: text) {
            text = text.replacing(form, with: "<redacted>")
        }
        return text
    }

    /// A plain byte search: the common case (no secret in the text) must stay cheap on every probe.
    private static func occurs(_ needle: String, in haystack: String) -> Bool {
        let needle = Array(needle.utf8)
        guard let first = needle.first else { return false }
        let bytes = Array(haystack.utf8)
        guard bytes.count >= needle.count else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// The result with its server-derived text redacted: transcript, greeting, failure message and server text.
    func redact(_ result: ProbeResult) -> ProbeResult {
        guard !forms.isEmpty else { return result }
        var result = result
        result.transcript = result.transcript.map { line in
            var line = line
            line.text = redact(line.text)
            return line
        }
        result.greeting = result.greeting.map(redact)
        if var failure = result.failure {
            failure.message = redact(failure.message)
            failure.serverText = failure.serverText.map(redact)
            result.failure = failure
            result.phases = result.phases.map { record in
                guard case .failed(let duration, _) = record.outcome else { return record }
                return PhaseRecord(phase: record.phase, outcome: .failed(duration, failure))
            }
        }
        return result
    }
}
