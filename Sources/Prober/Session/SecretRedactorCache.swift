import Config
import NIOConcurrencyHelpers

/// The redactor of each secret, built once: working out every form a secret can come back in (quoted, base64 at
/// three alignments, escaped as the transcript shows it) cost more than the rest of a probe's own bookkeeping.
///
/// At most `limit` secrets are kept; when a new one finds the cache full, it is emptied and filled again, so
/// the cache stays bounded however many targets a configuration has and however often it changes.
final class SecretRedactorCache: Sendable {
    private let limit: Int
    private let redactors = NIOLockedValueBox<[String: SecretRedactor]>([:])

    /// A cache of up to `limit` redactors.
    init(limit: Int = 4096) {
        self.limit = max(1, limit)
    }

    /// The redactor for `credentials`' secret (one that redacts nothing without credentials).
    func redactor(for credentials: Credentials?) -> SecretRedactor {
        guard let secret = credentials?.secret, !secret.exposedValue.isEmpty else { return SecretRedactor(secret: nil) }
        if let known = redactors.withLockedValue({ $0[secret.exposedValue] }) { return known }
        let made = SecretRedactor(secret: secret)
        redactors.withLockedValue { redactors in
            if redactors.count >= limit { redactors.removeAll() }
            redactors[secret.exposedValue] = made
        }
        return made
    }
}
