/// A loopback TCP listener that accepts, counts and closes every connection, for tests that must show a server
/// was never reached. It stops by itself after a minute, or at `stop()`.
public enum ConnectionCounter {
    private static let script = #"""
        import socket, time
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        server.settimeout(0.5)
        print("PORT", server.getsockname()[1], flush=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                connection, _ = server.accept()
            except socket.timeout:
                continue
            print("ACCEPTED", flush=True)
            connection.close()
        """#

    /// Starts a counter; `accepted(_:)` reads its count.
    public static func start() async throws -> ServerProcess {
        try await ServerProcess.start(["python3", "-u", "-c", script], portMarker: "PORT ")
    }

    /// How many connections `server` (started by `start()`) has accepted so far.
    public static func accepted(_ server: ServerProcess) -> Int {
        server.printed.components(separatedBy: "ACCEPTED").count - 1
    }
}
