import TestSupport

/// A plaintext IMAP server in Python on 127.0.0.1 whose text is made to attack a terminal, and whose quota
/// answer has `roots` roots: the greeting carries ESC, BEL, DEL, a C1 CSI and a right-to-left override; the first
/// quota root is a quoted name with ESC and the override, the second a literal with CR, LF and NUL.
///
/// It serves `connections` connections one after the other, then exits; it exits by itself after 25 s anyway.
enum HostileIMAPServer {
    /// The greeting's text as the probe must show it.
    static let greetingShown = #"hostile\u{1B}[2J\u{7}\u{7F}\u{9B}\u{202E} ready"#
    /// The first quota root's name as it must be shown.
    static let rootShown = #"evil\u{1B}[2J\u{202E}\u{7}txt"#
    /// The second (a literal) as it must be shown.
    static let literalRootShown = #"a\u{D}\u{A}b\u{0}c\u{7F}\u{85}"#

    /// Starts the server; stop it with `stop()`.
    static func start(roots: Int, connections: Int) async throws -> ServerProcess {
        try await ScriptedIMAPServer.start(
            serve: serve, arguments: [String(roots)], connections: connections, exitAfterSeconds: 25)
    }

    private static let serve = #"""
roots = int(sys.argv[1])

quota = [b"* QUOTAROOT INBOX r0\r\n",
         b'* QUOTA "evil\x1b[2J\xe2\x80\xae\x07txt" (STORAGE 10 100 MESSAGE 1 10)\r\n',
         b"* QUOTA {9}\r\na\r\nb\x00c\x7f\xc2\x85 (STORAGE 1 2)\r\n"]
quota += [b"* QUOTA r%d (STORAGE %d 10000 MESSAGE 1 100)\r\n" % (i, i) for i in range(2, roots)]
quota = b"".join(quota)

def serve(conn):
    conn.sendall(b"* OK [CAPABILITY IMAP4rev1 QUOTA] hostile\x1b[2J\x07\x7f\xc2\x9b\xe2\x80\xae ready\r\n")
    reader = conn.makefile("rb")
    while True:
        line = reader.readline(65536)
        if not line:
            return
        parts = line.split(b" ", 2)
        tag, command = parts[0], (parts[1].strip().upper() if len(parts) > 1 else b"")
        if command == b"LOGIN":
            conn.sendall(tag + b" OK [CAPABILITY IMAP4rev1 QUOTA] logged in\r\n")
        elif command in (b"EXAMINE", b"SELECT"):
            conn.sendall(b"* 0 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n" + tag + b" OK [READ-ONLY] done\r\n")
        elif command == b"GETQUOTAROOT":
            conn.sendall(quota + tag + b" OK done\r\n")
        elif command == b"LOGOUT":
            conn.sendall(b"* BYE bye\r\n" + tag + b" OK done\r\n")
            return
        else:
            conn.sendall(tag + b" BAD unexpected\r\n")

"""#
}
