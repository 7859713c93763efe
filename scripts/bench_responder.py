#!/usr/bin/env python3
"""A minimal IMAP server for scripts/bench-serve.sh: just enough IMAP for one probe, over real TLS.

It stands in for the mail server so that the agent is what the benchmark measures. Every connection gets a full
TLS handshake (session tickets and resumption are off), then the probe's dialogue:

    * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN QUOTA IDLE] greeting
    CAPABILITY, STARTTLS (on the STARTTLS port), LOGIN or AUTHENTICATE PLAIN (checked against --user and
    --password-file), EXAMINE/SELECT (FLAGS, EXISTS, UIDVALIDITY, UIDNEXT), FETCH n (RFC822.SIZE BODY.PEEK[]<0.N>)
    answered with exactly min(N, size) octets of a fixed message, GETQUOTAROOT, NOOP, LOGOUT (BYE + OK).

Lines may end in CRLF or a bare LF (blackbox_exporter's query_response sends LF). Anything else is answered BAD.

--workers N forks N processes that listen on the same addresses (SO_REUSEPORT), so the kernel spreads the
connections; their PIDs go to --pid-file, one a line, for the benchmark to read their CPU from /proc. Each worker
writes "sessions_completed sessions_failed" to --stats-dir/WORKER_PID once a second. Every process exits by itself
after --lifetime seconds (and on SIGTERM/SIGINT). Python 3.11+ standard library only; loopback addresses only.
"""
import argparse
import asyncio
import base64
import ipaddress
import os
import re
import signal
import ssl
import sys
import time

CAPABILITIES = b"IMAP4rev1 SASL-IR AUTH=PLAIN QUOTA IDLE"
STARTTLS_CAPABILITIES = b"IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED QUOTA IDLE"
MESSAGES = 3
MESSAGE = (
    b"From: Bench Sender <sender@example.org>\r\n"
    b"To: Bench <bench@example.org>\r\n"
    b"Subject: imapwatch benchmark message\r\n"
    b"Date: Fri, 27 Nov 2026 12:00:00 +0000\r\n"
    b"Message-ID: <bench-1@example.org>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=us-ascii\r\n"
    b"\r\n"
) + b"".join(b"line %04d of the benchmark message body, plain ASCII text.\r\n" % i for i in range(64))
FETCH = re.compile(rb"^(\d+) \(RFC822\.SIZE BODY\.PEEK\[\]<0\.(\d+)>\)$", re.IGNORECASE)


class Stats:
    completed = 0
    failed = 0


def unquote(word: bytes) -> bytes:
    if len(word) >= 2 and word[:1] == b'"' and word[-1:] == b'"':
        return re.sub(rb"\\(.)", rb"\1", word[1:-1])
    return word


def split_arguments(text: bytes) -> list:
    """Atoms and quoted strings, as LOGIN's arguments come (no literals: the probe quotes)."""
    return [unquote(m.group(0)) for m in re.finditer(rb'"(?:[^"\\]|\\.)*"|\S+', text)]


class Session:
    def __init__(self, reader, writer, args, tls_context, starttls_port):
        self.reader, self.writer, self.args = reader, writer, args
        self.tls_context = tls_context
        self.plain = starttls_port  # STARTTLS port: plaintext until STARTTLS
        self.authenticated = False

    def send(self, *lines: bytes):
        self.writer.write(b"".join(line + b"\r\n" for line in lines))

    async def run(self) -> bool:
        caps = STARTTLS_CAPABILITIES if self.plain else CAPABILITIES
        self.send(b"* OK [CAPABILITY " + caps + b"] imapwatch bench responder ready")
        while True:
            line = await self.reader.readline()
            if not line:
                return False
            line = line.rstrip(b"\r\n")
            tag, _, rest = line.partition(b" ")
            verb, _, arguments = rest.partition(b" ")
            verb = verb.upper()
            if verb == b"LOGOUT":
                self.send(b"* BYE logging out", tag + b" OK LOGOUT completed")
                await self.writer.drain()
                return True
            if not await self.command(tag, verb, arguments):
                return False
            await self.writer.drain()

    async def command(self, tag: bytes, verb: bytes, arguments: bytes) -> bool:
        if verb == b"CAPABILITY":
            caps = STARTTLS_CAPABILITIES if self.plain else CAPABILITIES
            self.send(b"* CAPABILITY " + caps, tag + b" OK CAPABILITY completed")
        elif verb == b"NOOP":
            self.send(tag + b" OK NOOP completed")
        elif verb == b"STARTTLS" and self.plain:
            self.send(tag + b" OK begin TLS now")
            await self.writer.drain()
            await self.writer.start_tls(self.tls_context)
            self.plain = False
        elif verb in (b"LOGIN", b"AUTHENTICATE") and not self.authenticated and not self.plain:
            if verb == b"LOGIN":
                words = split_arguments(arguments)
                good = len(words) == 2 and words == [self.args.user.encode(), self.args.password]
            else:
                words = arguments.split()
                try:
                    response = base64.b64decode(words[1], validate=True) if len(words) == 2 else b""
                except ValueError:
                    response = b""
                good = words[:1] == [b"PLAIN"] and response.split(b"\0")[1:] == [self.args.user.encode(), self.args.password]
            if not good:
                self.send(tag + b" NO [AUTHENTICATIONFAILED] Authentication failed.")
                return False
            self.authenticated = True
            self.send(tag + b" OK [CAPABILITY IMAP4rev1 QUOTA IDLE] Logged in")
        elif verb in (b"EXAMINE", b"SELECT") and self.authenticated:
            access = b"READ-ONLY" if verb == b"EXAMINE" else b"READ-WRITE"
            self.send(
                rb"* FLAGS (\Answered \Flagged \Deleted \Seen \Draft)",
                rb"* OK [PERMANENTFLAGS ()] Read-only mailbox.",
                b"* %d EXISTS" % MESSAGES,
                b"* 0 RECENT",
                b"* OK [UIDVALIDITY 1764244800] UIDs valid",
                b"* OK [UIDNEXT %d] Predicted next UID" % (MESSAGES + 1),
                tag + b" OK [" + access + b"] " + verb + b" completed",
            )
        elif verb == b"FETCH" and self.authenticated and (match := FETCH.match(arguments)):
            number, octets = int(match.group(1)), int(match.group(2))
            if not 1 <= number <= MESSAGES:
                self.send(tag + b" BAD no such message")
                return True
            body = MESSAGE[:octets]
            self.writer.write(
                b"* %d FETCH (RFC822.SIZE %d BODY[]<0> {%d}\r\n" % (number, len(MESSAGE), len(body))
                + body + b")\r\n" + tag + b" OK FETCH completed\r\n")
        elif verb == b"GETQUOTAROOT" and self.authenticated:
            self.send(
                b'* QUOTAROOT INBOX "User quota"',
                b'* QUOTA "User quota" (STORAGE 18 10240 MESSAGE 3 1000)',
                tag + b" OK GETQUOTAROOT completed",
            )
        else:
            self.send(tag + b" BAD unexpected command")
        return True


async def serve(args, tls_context):
    async def implicit(reader, writer):
        await handle(reader, writer, False)

    async def starttls(reader, writer):
        await handle(reader, writer, True)

    async def handle(reader, writer, starttls_port):
        ok = False
        try:
            ok = await asyncio.wait_for(Session(reader, writer, args, tls_context, starttls_port).run(), 30)
        except (OSError, ssl.SSLError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            Stats.completed += ok
            Stats.failed += not ok
            writer.close()

    hosts = args.hosts.split(",")
    servers = [
        await asyncio.start_server(
            implicit, host=hosts, port=args.port, ssl=tls_context, reuse_port=True, backlog=1024,
            ssl_handshake_timeout=10)
    ]
    if args.starttls_port:
        servers.append(
            await asyncio.start_server(starttls, host=hosts, port=args.starttls_port, reuse_port=True, backlog=1024))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    loop.call_later(args.lifetime, stop.set)
    stats_path = os.path.join(args.stats_dir, str(os.getpid())) if args.stats_dir else None
    while not stop.is_set():
        if stats_path:
            with open(stats_path + ".tmp", "w") as f:
                f.write(f"{Stats.completed} {Stats.failed}\n")
            os.replace(stats_path + ".tmp", stats_path)
        try:
            await asyncio.wait_for(stop.wait(), 1)
        except asyncio.TimeoutError:
            pass
    for server in servers:
        server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert", required=True, help="PEM certificate chain (leaf first)")
    parser.add_argument("--key", required=True, help="PEM private key")
    parser.add_argument("--hosts", default="127.0.0.1", help="comma-separated loopback addresses to listen on")
    parser.add_argument("--port", type=int, required=True, help="implicit TLS port (993-style)")
    parser.add_argument("--starttls-port", type=int, default=0, help="STARTTLS port (143-style); 0: none")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--pid-file")
    parser.add_argument("--stats-dir")
    parser.add_argument("--lifetime", type=float, default=900, help="seconds until every process exits by itself")
    args = parser.parse_args()
    for host in args.hosts.split(","):
        if not ipaddress.ip_address(host).is_loopback:
            sys.exit(f"bench_responder: {host} is not a loopback address")
    with open(args.password_file, "rb") as f:
        args.password = f.read().rstrip(b"\r\n")

    tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls_context.load_cert_chain(args.cert, args.key)
    tls_context.options |= ssl.OP_NO_TICKET  # a full handshake every time, like a client without a session cache
    tls_context.num_tickets = 0

    workers = []
    for _ in range(max(args.workers, 1)):
        pid = os.fork()
        if pid == 0:
            try:
                asyncio.run(serve(args, tls_context))
            finally:
                os._exit(0)
        workers.append(pid)
    if args.pid_file:
        with open(args.pid_file, "w") as f:
            f.write("".join(f"{pid}\n" for pid in workers))

    def forward(signum, _frame):
        for pid in workers:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    deadline = time.monotonic() + args.lifetime + 5
    for pid in workers:
        while time.monotonic() < deadline:
            try:
                done, _ = os.waitpid(pid, 0)
                break
            except InterruptedError:
                continue
            except ChildProcessError:
                break
    forward(signal.SIGTERM, None)


if __name__ == "__main__":
    main()
