import Foundation

/// A real HTTP listener on 127.0.0.1 (Python's http.server in a child process) whose answer depends on the path:
/// `/ok` 200, `/fail` 500 with a 2,000-byte body, `/busy` 429 with `Retry-After: 7`, `/gone` 404, `/hang` sleeps
/// 5 s before answering, `/reset` closes the connection without an answer, `/echo…` answers 404 quoting the path and the last word of `X-Token`, `/flaky-N…` answers 500 to its first N
/// requests and 200 after. Every request is printed as
/// `REQ <path> <content-type> <x-token> <body as hex>`.
public enum WebhookListener {
    static let script = #"""
        import http.server, socketserver, sys, threading, time

        seen = {}
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args):
                pass
            def answer(self, status, body=b"", headers=()):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                line = " ".join(["REQ", self.path, str(self.headers.get("Content-Type")), str(self.headers.get("X-Token")), body.hex()])
                with lock:  # one whole line at a time: requests arrive in parallel
                    sys.stdout.write(line + "\n")
                    sys.stdout.flush()
                if self.path.startswith("/flaky-"):
                    failures = int(self.path.split("-")[1].split("/")[0])
                    with lock:
                        seen[self.path] = seen.get(self.path, 0) + 1
                        count = seen[self.path]
                    self.answer(500 if count <= failures else 200, b"attempt %d" % count)
                elif self.path.startswith("/echo"):
                    self.answer(404, b"The requested URL " + self.path.encode() + b" was not found. Auth: " + str(self.headers.get("X-Token")).split()[-1].encode())
                elif self.path.startswith("/ok"):
                    self.answer(200, b"ok")
                elif self.path.startswith("/fail"):
                    self.answer(500, b"E" * 2000)
                elif self.path.startswith("/busy"):
                    self.answer(429, b"slow down", [("Retry-After", "7")])
                elif self.path.startswith("/gone"):
                    self.answer(404, b"no such hook")
                elif self.path.startswith("/hang"):
                    time.sleep(5)
                    self.answer(200, b"late")
                elif self.path.startswith("/reset"):
                    self.connection.shutdown(2)
                    self.close_connection = True

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        server = Server(("127.0.0.1", 0), Handler)
        print("PORT", server.server_address[1], flush=True)
        server.timeout = 0.5
        deadline = time.time() + 60
        while time.time() < deadline:
            server.handle_request()
        """#

    /// Starts a listener; it stops by itself after a minute, or at `stop()`.
    public static func start() async throws -> ServerProcess {
        try await ServerProcess.start(["python3", "-u", "-c", script], portMarker: "PORT ")
    }
}

extension Data {
    /// Bytes from hexadecimal text; `nil` when it is not.
    public init?(hexText: String) {
        var bytes: [UInt8] = []
        var index = hexText.startIndex
        while index < hexText.endIndex {
            guard let next = hexText.index(index, offsetBy: 2, limitedBy: hexText.endIndex),
                let byte = UInt8(hexText[index..<next], radix: 16)
            else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
