import BlockingWork
import Config
import HummingbirdBcrypt
import NIOConcurrencyHelpers

/// Checks HTTP Basic credentials against the bcrypt hashes of a `WebConfiguration`, as exporter-toolkit does.
///
/// - bcrypt runs on an executor of its own (`executor`), never on an event loop, the cooperative pool or threads
///   that probes or deliveries use. At most `defaultConcurrency` checks run at once and `defaultQueueLimit` wait;
///   a check beyond that is answered `.busy` at once (the middleware answers `503`), so a flood of wrong
///   passwords costs a bounded amount of CPU and never delays a probe.
/// - A user that is not configured still costs one bcrypt (against a dummy hash of the highest configured cost), so
///   the answer's timing does not tell which user names exist.
/// - Successful checks are cached by a SHA-256 digest of a per-instance random salt, the user, the hash and the
///   password (the password itself is never kept), so a scraper does not pay a bcrypt per scrape. At most
///   `cacheLimit` digests are kept; when full, the cache starts over.
/// - `replace(with:)` swaps the users at run time (a configuration reload) and empties the cache.
///
/// Safe to share between requests.
public final class BasicAuthenticator: Sendable {
    /// At most this many successful checks are cached.
    public static let cacheLimit = 256
    /// bcrypt checks that run at once: one core's worth, leaving the rest to the probes.
    public static let defaultConcurrency = 1
    /// bcrypt checks that may wait for a place; more are answered `.busy` at once.
    public static let defaultQueueLimit = 4

    /// The outcome of a check.
    public enum Verdict: Sendable, Hashable {
        /// The password is the user's.
        case granted
        /// Wrong user or password.
        case denied
        /// Not checked: `defaultConcurrency` checks run and `defaultQueueLimit` wait already.
        case busy
    }

    private struct State {
        var users: [String: BcryptHash]
        var dummyHash: String
        var verified: Set<[UInt8]> = []
    }

    private let state: NIOLockedValueBox<State>
    /// Where bcrypt runs; its statistics are the `auth` executor's metrics.
    public let executor: BlockingExecutor
    private let cacheSalt: [UInt8]

    /// An authenticator for the users of `configuration` (none: every request passes), running bcrypt on
    /// `executor` (by default one of its own, `defaultConcurrency` at once, `defaultQueueLimit` waiting).
    public init(
        configuration: WebConfiguration = WebConfiguration(),
        executor: BlockingExecutor = BlockingExecutor(
            name: "auth", concurrency: BasicAuthenticator.defaultConcurrency,
            queueLimit: BasicAuthenticator.defaultQueueLimit)
    ) {
        state = NIOLockedValueBox(State(users: configuration.basicAuthUsers, dummyHash: Self.dummyHash(for: configuration)))
        self.executor = executor
        var generator = SystemRandomNumberGenerator()
        cacheSalt = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Replaces the users with those of `configuration` and forgets every cached check.
    public func replace(with configuration: WebConfiguration) {
        let dummy = Self.dummyHash(for: configuration)
        state.withLockedValue {
            $0 = State(users: configuration.basicAuthUsers, dummyHash: dummy)
        }
    }

    /// Whether requests must carry credentials (at least one user is configured).
    public var requiresAuthentication: Bool { state.withLockedValue { !$0.users.isEmpty } }

    /// Whether `password` is `user`'s. Costs one bcrypt unless the same check succeeded before (a cached
    /// success needs no place on the executor, so a scraping Prometheus passes even while the executor is full).
    public func verify(user: String, password: String) async -> Verdict {
        // bcrypt reads C strings: a NUL would cut the password short.
        guard !password.utf8.contains(0) else { return .denied }
        let (hash, dummy) = state.withLockedValue { ($0.users[user], $0.dummyHash) }
        let key = hash.map { cacheKey(user: user, hash: $0, password: password) }
        if let key, state.withLockedValue({ $0.verified.contains(key) }) { return .granted }

        let checked = hash.map(Self.verifiable) ?? dummy
        let matches: Bool
        do {
            matches = try await executor.run { Bcrypt.verify(password, hash: checked) }
        } catch {
            return .busy
        }
        guard let key, matches else { return .denied }
        state.withLockedValue {
            if $0.verified.count >= Self.cacheLimit { $0.verified.removeAll() }
            $0.verified.insert(key)
        }
        return .granted
    }

    /// The cache key: SHA-256 over the salt and the length-prefixed user, hash and password.
    private func cacheKey(user: String, hash: BcryptHash, password: String) -> [UInt8] {
        var message = cacheSalt
        for field in [user, hash.text, password] {
            let bytes = Array(field.utf8)
            withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { message.append(contentsOf: $0) }
            message.append(contentsOf: bytes)
        }
        return SHA256.digest(message)
    }

    /// The hash as HummingbirdBcrypt accepts it: OpenBSD's bcrypt knows `$2a$` and `$2b$` only, and `$2y$`
    /// (crypt_blowfish's name, what `htpasswd -B` writes) computes exactly what `$2b$` does.
    static func verifiable(_ hash: BcryptHash) -> String {
        hash.version == "y" ? "$2b$" + hash.text.dropFirst(4) : hash.text
    }

    /// A hash nobody's password matches, at the highest cost among the users (10 without users), checked for an
    /// unknown user so that it takes as long as a known one.
    static func dummyHash(for configuration: WebConfiguration) -> String {
        let cost = configuration.basicAuthUsers.values.map(\.cost).max() ?? 10
        let digits = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2b$\(digits)$" + "QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi"
    }
}
