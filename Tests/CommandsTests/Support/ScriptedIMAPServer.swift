import TestSupport

/// What the IMAP servers scripted in Python for the tests share: imports, an alarm that ends the process by
/// itself, and a listener on 127.0.0.1 that prints its port and hands `connections` connections, one after the
/// other, to the script's `serve(conn)`, then exits.
enum ScriptedIMAPServer {
    /// Starts `python3` with `serve` (Python code defining `serve(conn)`, which may read `sys.argv[1...]` from
    /// `arguments`); stop it with `stop()`.
    static func start(
        serve: String, arguments: [String] = [], connections: Int, exitAfterSeconds: Int
    ) async throws -> ServerProcess {
        let script = prelude(exitAfterSeconds: exitAfterSeconds) + serve + listener
        return try await ServerProcess.start(
            ["python3", "-c", script] + arguments + [String(connections)], portMarker: "PORT ")
    }

    private static func prelude(exitAfterSeconds: Int) -> String {
        """
        import base64, signal, socket, sys

        signal.alarm(\(exitAfterSeconds))
        connections = int(sys.argv[-1])

        """
    }

    private static let listener = #"""

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(8)
print("PORT %d" % s.getsockname()[1], flush=True)
for _ in range(connections):
    conn, _ = s.accept()
    conn.settimeout(20)
    try:
        serve(conn)
    except OSError:
        pass
    conn.close()
"""#
}
