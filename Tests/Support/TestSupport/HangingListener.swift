/// A loopback TCP listener that accepts every connection and never answers it (a chat service that is down
/// behind a load balancer that still accepts), holding each until the client gives up. It stops by itself after
/// `lifetime` seconds, or at `stop()`.
public enum HangingListener {
    private static func script(lifetime: Int) -> String {
        """
        import socket, time
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.bind(("127.0.0.1", 0))
        server.listen(256)
        server.settimeout(0.2)
        print("PORT", server.getsockname()[1], flush=True)
        held = []
        deadline = time.time() + \(lifetime)
        while time.time() < deadline:
            try:
                connection, _ = server.accept()
                held.append(connection)
                print("HELD", len(held), flush=True)
            except socket.timeout:
                pass
        """
    }

    /// Starts a listener that lives at most `lifetime` seconds.
    public static func start(lifetime: Int = 90) async throws -> ServerProcess {
        try await ServerProcess.start(["python3", "-u", "-c", script(lifetime: lifetime)], portMarker: "PORT ")
    }
}
