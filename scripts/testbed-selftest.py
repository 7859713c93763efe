#!/usr/bin/env python3
"""Check the loopback test bed started by scripts/testbed.sh: its Dovecot and, when it runs, its MTA.

Python 3 standard library only. Reads the instance's env.sh (from
$IMAPWATCH_TEST_DIR, or <repo>/.build-test/dovecot) unless the IMAPWATCH_TEST_*
variables are already in the environment. Prints one line per check and a
summary; exits 1 if any check failed.
"""

import imaplib
import smtplib
import uuid
import os
import re
import shlex
import socket
import ssl
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 10.0
# A correct login right after a failed one must not wait for an auth penalty
# (Dovecot's is >= 2 s); anything under this is "not delayed".
MAX_LOGIN_AFTER_FAILURE = 0.5
# The NO itself: Dovecot 2.3.19 flushes failures on a 500 ms timer.
MAX_FAILURE_REPLY = 1.0


def load_env():
    state = os.environ.get("IMAPWATCH_TEST_DIR") or os.path.join(REPO, ".build-test", "dovecot")
    path = os.path.join(state, "env.sh")
    env = {}
    if os.path.exists(path):
        # env.sh only contains `export NAME=<shell-quoted value>` lines.
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line.startswith("export "):
                    continue
                name, _, value = line[len("export "):].partition("=")
                parts = shlex.split(value)
                env[name] = parts[0] if parts else ""
    for k, v in os.environ.items():
        if k.startswith("IMAPWATCH_TEST_") and k != "IMAPWATCH_TEST_DIR":
            env.setdefault(k, v)
    if "IMAPWATCH_TEST_HOST" not in env:
        sys.exit(f"selftest: no {path}; run: bash scripts/testbed.sh start")
    return env


ENV = load_env()
HOST = ENV["IMAPWATCH_TEST_HOST"]
TLS_NAME = ENV["IMAPWATCH_TEST_TLS_NAME"]
IMAP_PORT = int(ENV["IMAPWATCH_TEST_IMAP_PORT"])
IMAPS_PORT = int(ENV["IMAPWATCH_TEST_IMAPS_PORT"])
NOSTARTTLS_PORT = int(ENV["IMAPWATCH_TEST_NOSTARTTLS_PORT"])
CA = ENV["IMAPWATCH_TEST_CA"]
USER = ENV["IMAPWATCH_TEST_USER"]
EMPTY_USER = ENV["IMAPWATCH_TEST_EMPTY_USER"]
SIZES = [int(x) for x in ENV["IMAPWATCH_TEST_MESSAGE_SIZES"].split()]


def read_secret(name):
    with open(ENV[name], encoding="utf-8") as f:
        return f.read().strip()


PASSWORD = read_secret("IMAPWATCH_TEST_PASSWORD_FILE")
EMPTY_PASSWORD = read_secret("IMAPWATCH_TEST_EMPTY_PASSWORD_FILE")

results = []  # (ok, name, detail)


def check(name):
    def wrap(fn):
        t0 = time.monotonic()
        try:
            detail = fn() or ""
            ok = True
        except Exception as e:  # noqa: BLE001 - report everything
            detail = f"{type(e).__name__}: {e}"
            ok = False
        dt = time.monotonic() - t0
        results.append((ok, name, detail))
        # Never print passwords: details are built from server data only.
        print(f"{'PASS' if ok else 'FAIL'}  {name} ({dt * 1000:.0f} ms){': ' + detail if detail else ''}",
              flush=True)
        return fn
    return wrap


def ctx(verify=True):
    c = ssl.create_default_context(cafile=CA)
    if not verify:
        c.check_hostname = False
        c.verify_mode = ssl.CERT_NONE
    return c


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def ok(typ, data, what):
    expect(typ == "OK", f"{what}: {typ} {data!r}")
    return data


def mailbox_checks(m):
    """EXAMINE INBOX, FETCH 3, GETQUOTAROOT; returns a detail string."""
    typ, data = m.select("INBOX", readonly=True)
    ok(typ, data, "EXAMINE INBOX")
    expect(data[0] == b"3", f"EXISTS {data[0]!r}, want 3")
    typ, data = m.fetch("3", "(RFC822.SIZE BODY.PEEK[]<0.1024>)")
    ok(typ, data, "FETCH 3")
    meta, body = data[0]
    size = int(re.search(rb"RFC822\.SIZE (\d+)", meta).group(1))
    expect(size == SIZES[2], f"RFC822.SIZE {size}, want {SIZES[2]}")
    expect(len(body) == 1024, f"partial body {len(body)} octets, want 1024")
    expect(body.startswith(b"From: "), f"body starts {body[:20]!r}")
    typ, data = m.fetch("1:3", "(RFC822.SIZE)")
    ok(typ, data, "FETCH 1:3 RFC822.SIZE")
    sizes = [int(re.search(rb"RFC822\.SIZE (\d+)", d).group(1)) for d in data]
    expect(sizes == SIZES, f"sizes {sizes}, want {SIZES}")
    typ, data = m.getquotaroot("INBOX")
    ok(typ, data, "GETQUOTAROOT INBOX")
    roots, quotas = data
    quota = b" ".join(q for q in quotas if q)
    st = re.search(rb"STORAGE (\d+) (\d+)", quota)
    ms = re.search(rb"MESSAGE (\d+) (\d+)", quota)
    expect(st and ms, f"QUOTA lacks STORAGE/MESSAGE: {quota!r}")
    want_kb = sum(SIZES) // 1024
    expect(int(st.group(1)) == want_kb, f"STORAGE used {st.group(1)!r}, want {want_kb}")
    expect(int(st.group(2)) == int(ENV["IMAPWATCH_TEST_QUOTA_STORAGE_LIMIT_KB"]), f"STORAGE limit {st.group(2)!r}")
    expect(int(ms.group(1)) == 3, f"MESSAGE used {ms.group(1)!r}")
    expect(int(ms.group(2)) == int(ENV["IMAPWATCH_TEST_QUOTA_MESSAGE_LIMIT"]), f"MESSAGE limit {ms.group(2)!r}")
    return f"3 EXISTS, sizes {sizes}, QUOTAROOT {roots!r}, QUOTA {quota.decode()}"


@check("STARTTLS on plain port -> LOGIN -> EXAMINE/FETCH/GETQUOTAROOT -> LOGOUT")
def _():
    m = imaplib.IMAP4(HOST, IMAP_PORT, timeout=TIMEOUT)
    try:
        expect("STARTTLS" in m.capabilities, f"no STARTTLS in {m.capabilities}")
        ok(*m.starttls(ssl_context=ctx()), "STARTTLS")
        ok(*m.login(USER, PASSWORD), "LOGIN")
        detail = mailbox_checks(m)
        typ, data = m.logout()
        expect(typ == "BYE", f"LOGOUT {typ}")
        return detail
    finally:
        if m.state != "LOGOUT":
            m.shutdown()


@check("implicit TLS on IMAPS port (verify CA and hostname)")
def _():
    versions = set()
    for name in (TLS_NAME, "localhost", HOST):
        raw = socket.create_connection((HOST, IMAPS_PORT), timeout=TIMEOUT)
        with ctx().wrap_socket(raw, server_hostname=name) as s:
            versions.add(s.version())
    expect(versions <= {"TLSv1.2", "TLSv1.3"}, f"versions {versions}")
    m = imaplib.IMAP4_SSL(HOST, IMAPS_PORT, ssl_context=ctx(), timeout=TIMEOUT)
    try:
        ok(*m.login(USER, PASSWORD), "LOGIN")
        detail = mailbox_checks(m)
    finally:
        m.logout()
    return f"{'/'.join(sorted(versions))}; {TLS_NAME}, localhost, {HOST} verify; {detail}"


def tls_failure(host, port, name):
    raw = socket.create_connection((host, port), timeout=TIMEOUT)
    try:
        ctx().wrap_socket(raw, server_hostname=name).close()
    except ssl.SSLCertVerificationError as e:
        return e
    finally:
        raw.close()
    raise AssertionError("verification unexpectedly succeeded")


@check("expired certificate fails verification")
def _():
    host = ENV["IMAPWATCH_TEST_EXPIRED_HOST"]
    e = tls_failure(host, int(ENV["IMAPWATCH_TEST_EXPIRED_PORT"]), TLS_NAME)
    expect("certificate has expired" in str(e), str(e))
    return f"{host}: {e.verify_message}"


@check("untrusted (self-signed) certificate fails verification")
def _():
    host = ENV["IMAPWATCH_TEST_UNTRUSTED_HOST"]
    e = tls_failure(host, int(ENV["IMAPWATCH_TEST_UNTRUSTED_PORT"]), TLS_NAME)
    expect(e.verify_code in (18, 19, 20, 21), str(e))
    return f"{host}: {e.verify_message}"


@check("soon-expiring certificate verifies and expires in ~10 days")
def _():
    host = ENV["IMAPWATCH_TEST_SOON_HOST"]
    raw = socket.create_connection((host, int(ENV["IMAPWATCH_TEST_SOON_PORT"])), timeout=TIMEOUT)
    with ctx().wrap_socket(raw, server_hostname=TLS_NAME) as s:
        not_after = ssl.cert_time_to_seconds(s.getpeercert()["notAfter"])
    days = (not_after - time.time()) / 86400
    expect(9 < days <= 10, f"{days:.2f} days")
    expect(int(not_after) == int(ENV["IMAPWATCH_TEST_SOON_NOT_AFTER"]), "env NOT_AFTER mismatch")
    return f"{host}: {days:.2f} days left"


@check("valid certificate notAfter matches env")
def _():
    raw = socket.create_connection((HOST, IMAPS_PORT), timeout=TIMEOUT)
    with ctx().wrap_socket(raw, server_hostname=TLS_NAME) as s:
        not_after = ssl.cert_time_to_seconds(s.getpeercert()["notAfter"])
    expect(int(not_after) == int(ENV["IMAPWATCH_TEST_CERT_NOT_AFTER"]), "mismatch")
    return f"{(not_after - time.time()) / 86400:.1f} days left"


@check("no-STARTTLS listener does not offer STARTTLS")
def _():
    m = imaplib.IMAP4(HOST, NOSTARTTLS_PORT, timeout=TIMEOUT)
    try:
        typ, data = m.capability()
        ok(typ, data, "CAPABILITY")
        caps = data[0].decode().split()
        expect("STARTTLS" not in caps, f"STARTTLS offered: {caps}")
        expect("IMAP4rev1" in caps, f"caps {caps}")
        return " ".join(caps)
    finally:
        m.logout()


@check("STARTTLS listener advertises STARTTLS in CAPABILITY")
def _():
    m = imaplib.IMAP4(HOST, IMAP_PORT, timeout=TIMEOUT)
    try:
        typ, data = m.capability()
        caps = data[0].decode().split()
        expect("STARTTLS" in caps, f"caps {caps}")
        return "STARTTLS present"
    finally:
        m.logout()


@check("empty user has 0 EXISTS")
def _():
    m = imaplib.IMAP4_SSL(HOST, IMAPS_PORT, ssl_context=ctx(), timeout=TIMEOUT)
    try:
        ok(*m.login(EMPTY_USER, EMPTY_PASSWORD), "LOGIN")
        typ, data = m.select("INBOX", readonly=True)
        ok(typ, data, "EXAMINE")
        expect(data[0] == b"0", f"EXISTS {data[0]!r}")
        return "0 EXISTS"
    finally:
        m.logout()


def timed_login(user, password):
    m = imaplib.IMAP4_SSL(HOST, IMAPS_PORT, ssl_context=ctx(), timeout=TIMEOUT)
    # send LOGIN ourselves to keep the server's exact tagged response
    tag = m._new_tag()
    t0 = time.monotonic()
    m.send(tag + b" LOGIN " + m._quote(user).encode() + b" " + m._quote(password).encode() + b"\r\n")
    while True:
        line = m.readline()
        if line.startswith(tag + b" "):
            break
    dt = time.monotonic() - t0
    return m, line[len(tag) + 1:].rstrip(b"\r\n").decode(), dt


@check("wrong password -> NO [AUTHENTICATIONFAILED]; next correct login not delayed")
def _():
    m, resp, t_fail = timed_login(USER, "wrong-" + "x" * 12)
    m.shutdown()
    expect(resp.startswith("NO [AUTHENTICATIONFAILED]"), f"got {resp!r}")
    m, resp, t_ok = timed_login(USER, PASSWORD)
    m.logout()
    expect(resp.startswith("OK"), f"got {resp!r}")
    m, resp, t_unknown = timed_login("nobody-here@example.test", "whatever")
    m.shutdown()
    expect(resp.startswith("NO [AUTHENTICATIONFAILED]"), f"unknown user got {resp!r}")
    # and once more on the same connection: fail then succeed
    m, resp2, t_fail2 = timed_login(EMPTY_USER, "wrong")
    expect(resp2.startswith("NO [AUTHENTICATIONFAILED]"), f"got {resp2!r}")
    tag = m._new_tag()
    t0 = time.monotonic()
    m.send(tag + b" LOGIN " + m._quote(EMPTY_USER).encode() + b" " + m._quote(EMPTY_PASSWORD).encode() + b"\r\n")
    while not (line := m.readline()).startswith(tag + b" "):
        pass
    t_same = time.monotonic() - t0
    m.logout()
    expect(line.split()[1] == b"OK", f"same-connection retry {line!r}")
    timings = (f"wrong-password NO {t_fail * 1000:.1f} ms, unknown-user NO {t_unknown * 1000:.1f} ms; "
               f"correct LOGIN right after a failure: new connection {t_ok * 1000:.1f} ms, "
               f"same connection {t_same * 1000:.1f} ms")
    # Dovecot 2.3.19 still answers a failure on its next 500 ms failure-queue
    # tick even with auth_failure_delay = 0; allow that, but no more.
    expect(max(t_fail, t_unknown) < MAX_FAILURE_REPLY, f"failure reply delayed: {timings}")
    expect(max(t_ok, t_same) < MAX_LOGIN_AFTER_FAILURE, f"auth penalty? {timings}")
    return timings


@check("doveadm quota get works")
def _():
    cmd = shlex.split(ENV["IMAPWATCH_TEST_DOVEADM"]) + ["quota", "get", "-u", USER]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=TIMEOUT).stdout
    expect("STORAGE" in out and "MESSAGE" in out, out)
    rows = [" ".join(l.split()) for l in out.splitlines()[1:]]
    return "; ".join(rows)


# --- the MTA ------------------------------------------------------------------------------------------------

MTA = "IMAPWATCH_TEST_SUBMISSION_PORT" in ENV
if MTA:
    SMTP_HOST = ENV["IMAPWATCH_TEST_SMTP_HOST"]
    SUBMISSION = int(ENV["IMAPWATCH_TEST_SUBMISSION_PORT"])
    SUBMISSIONS = int(ENV["IMAPWATCH_TEST_SUBMISSIONS_PORT"])
    FLOW_USER = ENV["IMAPWATCH_TEST_FLOW_USER"]
    FLOW_PASSWORD = read_secret("IMAPWATCH_TEST_FLOW_PASSWORD_FILE")

    def submission(implicit=False):
        if implicit:
            # Verified against the address connected to: the certificate names 127.0.0.1 as well as smtp.example.test.
            s = smtplib.SMTP_SSL(SMTP_HOST, SUBMISSIONS, context=ctx(), timeout=TIMEOUT)
        else:
            s = smtplib.SMTP(SMTP_HOST, SUBMISSION, timeout=TIMEOUT)
            s.ehlo()
            s.starttls(context=ctx())
        s.ehlo()
        s.login(FLOW_USER, FLOW_PASSWORD)
        return s

    def send(s, recipient):
        """Submits a message with a fresh token to `recipient`; returns the token."""
        token = uuid.uuid4().hex
        body = (f"From: <{FLOW_USER}>\r\nTo: <{recipient}>\r\nSubject: testbed selftest {token}\r\n"
                f"X-Imapwatch-Probe: {token}\r\n\r\nselftest\r\n")
        refused = s.sendmail(FLOW_USER, [recipient], body)
        expect(not refused, f"refused: {refused}")
        return token

    def folders_holding(token, wait):
        """The folders of the flow mailbox holding a message with `token`, waiting up to `wait` seconds."""
        deadline = time.monotonic() + wait
        while True:
            m = imaplib.IMAP4_SSL(HOST, IMAPS_PORT, ssl_context=ctx(), timeout=TIMEOUT)
            try:
                ok(*m.login(FLOW_USER, FLOW_PASSWORD), "LOGIN")
                found = []
                for folder in ("INBOX", "Junk"):
                    ok(*m.select(folder), f"SELECT {folder}")
                    typ, data = m.uid("SEARCH", "HEADER", "X-Imapwatch-Probe", token)
                    ok(typ, data, "UID SEARCH")
                    uids = data[0].split()
                    if uids:
                        found.append(folder)
                        # Leave the mailbox as it was: remove this message only.
                        ok(*m.uid("STORE", b",".join(uids).decode(), "+FLAGS", "(\\Deleted)"), "UID STORE")
                        ok(*m.uid("EXPUNGE", b",".join(uids).decode()), "UID EXPUNGE")
                m.logout()
            finally:
                if m.state != "LOGOUT":
                    m.shutdown()
            if found or time.monotonic() >= deadline:
                return found
            time.sleep(0.1)

    @check("MTA: submission with STARTTLS and AUTH -> LMTP -> the flow INBOX")
    def _():
        t0 = time.monotonic()
        with submission() as s:
            token = send(s, FLOW_USER)
        found = folders_holding(token, 10)
        expect(found == ["INBOX"], f"found in {found}")
        return f"arrived in {1000 * (time.monotonic() - t0):.0f} ms"

    @check("MTA: submission over implicit TLS; +Junk is filed into Junk")
    def _():
        with submission(implicit=True) as s:
            token = send(s, FLOW_USER.replace("@", "+Junk@"))
        found = folders_holding(token, 10)
        expect(found == ["Junk"], f"found in {found}")

    @check("MTA: +lost is accepted and never arrives; +held arrives only when released")
    def _():
        with submission() as s:
            lost = send(s, FLOW_USER.replace("@", "+lost@"))
            held = send(s, FLOW_USER.replace("@", "+held@"))
        expect(folders_holding(held, 1.5) == [], "a held message arrived before its release")
        subprocess.run(["bash", os.path.join(REPO, "scripts", "testbed.sh"), "mta-release"], check=True,
                       capture_output=True, timeout=TIMEOUT)
        expect(folders_holding(held, 10) == ["INBOX"], "the released message did not arrive")
        expect(folders_holding(lost, 0) == [], "a lost message arrived")

    @check("MTA: unknown recipient refused at RCPT with 550 5.1.1; +deferred turned down for now with 450 4.2.0")
    def _():
        with submission() as s:
            s.mail(FLOW_USER)
            code, text = s.rcpt("nobody@example.test")
            later, later_text = s.rcpt(FLOW_USER.replace("@", "+deferred@"))
        expect(code == 550 and b"5.1.1" in text, f"{code} {text!r}")
        expect(later == 450 and b"4.2.0" in later_text, f"{later} {later_text!r}")
        return f"{code} {text.decode(errors='replace')[:40]}; {later}"

    @check("MTA: no AUTH before STARTTLS; a wrong password is refused with 535")
    def _():
        s = smtplib.SMTP(SMTP_HOST, SUBMISSION, timeout=TIMEOUT)
        try:
            s.ehlo()
            expect(not s.has_extn("auth"), "AUTH offered before TLS")
            s.starttls(context=ctx())
            s.ehlo()
            try:
                s.login(FLOW_USER, FLOW_PASSWORD + "x")
                raise AssertionError("a wrong password was accepted")
            except smtplib.SMTPAuthenticationError as e:
                expect(e.smtp_code == 535, f"{e.smtp_code}")
        finally:
            s.close()

    @check("MTA: the untrusted listener's certificate fails verification")
    def _():
        s = smtplib.SMTP(ENV["IMAPWATCH_TEST_SMTP_UNTRUSTED_HOST"], SUBMISSION, timeout=TIMEOUT)
        try:
            s.ehlo()
            try:
                s.starttls(context=ctx())
                raise AssertionError("the untrusted certificate verified")
            except ssl.SSLCertVerificationError as e:
                return e.verify_message
        finally:
            s.close()


failed = [r for r in results if not r[0]]
print()
print(f"testbed selftest: {len(results) - len(failed)}/{len(results)} checks passed"
      + (f"; FAILED: {', '.join(r[1] for r in failed)}" if failed else ""))
sys.exit(1 if failed else 0)
