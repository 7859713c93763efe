import TestSupport

/// A plaintext IMAP server in Python on 127.0.0.1 that answers every login with a NO echoing the secret in
/// every form it can take: the login line itself, the password followed by a combining mark, its base64 one
/// byte off the usual alignment, and its base64 inside a line longer than a transcript keeps.
///
/// It serves connections until it has served `connections`, then exits; it exits by itself after 40 s anyway.
enum EchoingIMAPServer {
    /// Starts the server; stop it with `stop()`.
    static func start(connections: Int) async throws -> ServerProcess {
        try await ScriptedIMAPServer.start(serve: serve, connections: connections, exitAfterSeconds: 40)
    }

    private static let serve = #"""
def serve(conn):
    conn.sendall(b"* OK [CAPABILITY IMAP4rev1] echo ready\r\n")
    reader = conn.makefile("rb")
    while True:
        line = reader.readline(65536)
        if not line:
            return
        line = line.rstrip(b"\r\n")
        parts = line.split(b" ")
        tag, command = parts[0], (parts[1].upper() if len(parts) > 1 else b"")
        if command == b"LOGIN" and len(parts) >= 4:
            password = parts[3].strip(b'"')
            shifted = base64.b64encode(b"\x01" + password + b"\x02")
            long = b"x" * 480 + base64.b64encode(b"\x00\x00" + password)
            conn.sendall(b"* OK you said " + line + b"\r\n" +
                         b"* OK again " + password + b"\xcc\x81 and " + shifted + b"\r\n" +
                         b"* OK " + long + b"\r\n" +
                         tag + b" NO [AUTHENTICATIONFAILED] wrong " + password + b"\xcc\x81 " + shifted + b"\r\n")
        elif command == b"LOGOUT":
            conn.sendall(b"* BYE bye\r\n" + tag + b" OK done\r\n")
            return
        else:
            conn.sendall(tag + b" BAD unexpected\r\n")

"""#
}
