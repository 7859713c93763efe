import Config
import TestSupport

/// The shared test-Dovecot environment under the name these tests use.
typealias DovecotEnvironment = DovecotTestEnvironment

extension DovecotTestEnvironment {
    /// Settings for the monitor user on `port`, verified against the test CA.
    func settings(
        port: Int, host: String? = nil, user: String? = nil, password: String? = nil, login: Bool = true
    ) -> ProbeSettings {
        let credentials = Credentials(username: user ?? self.user, secret: Secret(password ?? self.password))
        return ProbeSettings(
            host: ServerHost(testHost: host ?? self.host), port: port, tlsMode: port == imapsPort ? .implicit : .starttls,
            caFile: caFile, credentials: login ? credentials : nil, timeout: .seconds(10))
    }
}
