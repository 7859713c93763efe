import Config
import IMAPProtocol

/// Removes every form in which the probe sent its secret from what a server sent back, before anything else
/// is done to that text.
///
/// A server may echo a command in its NO/BAD text (`NO bad: A001 AUTHENTICATE PLAIN AG1vbgBo...`): the secret then
/// comes back raw, IMAP-quoted, base64-encoded inside a SASL response at any alignment, or as the transcript's
/// `\xNN` escapes (`SecretScrubber` knows the forms; this adds the escaped ones). Redaction comes first, on the
/// bytes: a transcript line is redacted before it is cut to its length (a long echoed XOAUTH2 line keeps no part
/// of the token), and server text before its control characters are removed (a secret with a tab still matches).
/// Building one works out every form of the secret, so probes share them (`SecretRedactorCache`).
struct SecretRedactor: Sendable {
    private let scrubber: SecretScrubber

    /// A redactor of `secret`'s forms; one that redacts nothing for nil or an empty secret.
    init(secret: Secret?) {
        guard let secret, !secret.exposedValue.isEmpty else {
            scrubber = SecretScrubber([])
            return
        }
        let escaped = SecretScrubber.forms(of: secret.exposedValue).map {
            ResponseTranscript.escape(Array($0.utf8)[...])
        }
        scrubber = SecretScrubber([secret], extraForms: escaped)
    }

    /// `text` with every form of the secret replaced by `<redacted>`.
    func redact(_ text: String) -> String {
        scrubber.scrub(text)
    }

    /// A frame as the transcript shows it: rendered whole, redacted, then cut to the transcript's line length.
    func transcriptLine(_ frame: [UInt8]) -> String {
        ResponseTranscript.render(frame, maxLength: ResponseTranscript.lineLength) { scrubber.scrub($0) }
    }

    /// The result with its server-derived text redacted once more (`ProbeResult.scrubbing`).
    func redact(_ result: ProbeResult) -> ProbeResult {
        result.scrubbing(scrubber)
    }
}
