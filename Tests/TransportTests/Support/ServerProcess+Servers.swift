import TestSupport

extension ServerProcess {
    /// `openssl s_server` in `-rev` mode (echoes each line reversed) for one connection.
    static func openSSLServer(certificate: String, key: String, extra: [String] = []) async throws -> ServerProcess {
        try await start(
            ["openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-rev",
             "-naccept", "1"] + extra,
            portMarker: "ACCEPT 127.0.0.1:")
    }

    /// One of the Python test servers in `PythonServer.script`.
    static func python(_ mode: String, _ arguments: [String] = []) async throws -> ServerProcess {
        try await start(["python3", "-u", "-c", PythonServer.script, mode] + arguments, portMarker: "PORT ")
    }
}

