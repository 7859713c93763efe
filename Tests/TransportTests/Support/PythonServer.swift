/// Small loopback servers in Python for behaviours `openssl s_server` cannot show.
///
/// Each serves one connection on 127.0.0.1, prints `PORT <n>`, and exits by itself within 25 s.
enum PythonServer {
    static let script = #"""
import socket, ssl, sys, time, signal

signal.alarm(25)
mode = sys.argv[1]

def listener(backlog=5):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(backlog)
    return s

def announce(s):
    print("PORT %d" % s.getsockname()[1], flush=True)

def read_line(conn):
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(1)
        if not chunk:
            break
        data += chunk
    return data

def drain(conn):
    conn.settimeout(20)
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass

if mode == "full-backlog":
    s = listener(0)
    fillers = []
    for _ in range(3):
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect(("127.0.0.1", s.getsockname()[1]))
        except BlockingIOError:
            pass
        fillers.append(c)
    time.sleep(0.2)
    announce(s)
    time.sleep(20)
    sys.exit(0)

s = listener()
announce(s)
conn, _ = s.accept()

if mode == "silent":
    drain(conn)
elif mode == "drip":
    try:
        for _ in range(400):
            conn.sendall(b"*")
            time.sleep(0.05)
    except OSError:
        pass
elif mode == "flood":
    conn.settimeout(20)
    chunk = b"x" * 65536
    try:
        for _ in range(1024):
            conn.sendall(chunk)
    except OSError:
        pass
elif mode == "greet-close":
    conn.sendall(b"* BYE bye\r\n")
    conn.close()
elif mode == "not-tls":
    conn.recv(4096)
    conn.sendall(b"* BAD this is not TLS\r\n")
    time.sleep(0.5)
elif mode in ("starttls", "inject"):
    cert, key = sys.argv[2], sys.argv[3]
    conn.sendall(b"* OK ready\r\n")
    read_line(conn)
    conn.sendall(b"a OK begin TLS\r\n")
    if mode == "inject":
        time.sleep(0.2)
        conn.sendall(b"* injected\r\n")
        drain(conn)
    else:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        tls = context.wrap_socket(conn, server_side=True)
        line = read_line(tls)
        tls.sendall(b"echo: " + line)
        drain(tls)
"""#
}
