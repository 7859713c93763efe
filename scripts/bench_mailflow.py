#!/usr/bin/env python3
"""The mail-flow loop with Python's smtplib and imaplib, many times in one process; prints CPU per loop.

Used by scripts/bench-mailflow.sh as the baseline for imapwatch's MailFlowBench: the same steps (submission with
STARTTLS and AUTH, verified certificates; then the mailbox by IMAP with STARTTLS, LOGIN, and rounds of SELECT and
UID SEARCH HEADER over INBOX and Junk, 10 ms apart doubling up to 2 s, the first look at each folder searching
for every message of the loop and fetching their tokens and dates; UID STORE +FLAGS.SILENT (\\Deleted) and UID
EXPUNGE of the message; LOGOUT), measured the same way (getrusage(RUSAGE_SELF) around the measured loops, after
warm-up ones). Python 3 standard library only. Exits 1 on the first loop that fails, with the reason.
"""
import argparse
import imaplib
import os
import smtplib
import ssl
import time

from bench_measure import measured_runs, percentile

HEADER = "X-Imapwatch-Probe"
FOLDERS = ("INBOX", "Junk")
LOOP = "iw-0badbe11-"


def loop(args, context, password):
    token = f"{LOOP}{int(time.time())}-{os.urandom(4).hex()}"
    message = (
        f"From: <{args.user}>\r\nTo: <{args.user}>\r\nSubject: imapwatch mail-flow probe {token}\r\n"
        f"Message-ID: <{token}@bench.example.test>\r\n{HEADER}: {token}\r\n\r\nA message of the benchmark.\r\n"
    )
    smtp = smtplib.SMTP(args.host, args.smtp_port, local_hostname="bench.example.test", timeout=10)
    try:
        smtp.starttls(context=context)
        smtp.login(args.user, password)
        smtp.sendmail(args.user, [args.user], message)
    finally:
        smtp.quit()
    accepted = time.perf_counter()

    imap = imaplib.IMAP4(args.host, args.imap_port, timeout=10)
    imap.starttls(ssl_context=context)
    try:
        check(imap.login(args.user, password), "LOGIN")
        found, surveyed, wait, deadline = {}, set(), 0.01, accepted + 30
        while not found:
            for folder in FOLDERS:
                check(imap.select(folder), "SELECT")
                if folder not in surveyed:
                    surveyed.add(folder)
                    typ, data = imap.uid("SEARCH", "HEADER", HEADER, f'"{LOOP}"')
                    check((typ, data), "UID SEARCH")
                    uids = data[0].split()
                    if uids:
                        typ, data = imap.uid("FETCH", b",".join(uids[-100:]).decode(),
                                             f"(INTERNALDATE BODY.PEEK[HEADER.FIELDS ({HEADER})])")
                        check((typ, data), "UID FETCH")
                        for item in data:
                            if isinstance(item, tuple) and token.encode() in item[1]:
                                uid = item[0].split(b"UID ")[1].split(b" ")[0]
                                found.setdefault(folder, []).append(uid.decode())
                else:
                    typ, data = imap.uid("SEARCH", "HEADER", HEADER, f'"{token}"')
                    check((typ, data), "UID SEARCH")
                    if data[0]:
                        found.setdefault(folder, []).extend(u.decode() for u in data[0].split())
            if not found:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{token} not found in 30 s")
                time.sleep(wait)
                wait = min(wait * 2, 2.0)
        for folder, uids in found.items():
            check(imap.select(folder), "SELECT")
            check(imap.uid("STORE", ",".join(uids), "+FLAGS.SILENT", "(\\Deleted)"), "UID STORE")
            check(imap.uid("EXPUNGE", ",".join(uids)), "UID EXPUNGE")
    finally:
        check(imap.logout(), "LOGOUT", ok=("BYE", "OK"))


def check(reply, what, ok=("OK",)):
    typ, data = reply
    if typ not in ok:
        raise RuntimeError(f"{what}: {typ} {data!r:.120}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--imap-port", type=int, required=True)
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--ca-file", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    with open(args.password_file, encoding="utf-8") as f:
        password = f.read().rstrip("\r\n")
    # One context for both sessions and every loop (imapwatch shares one per configuration): system store plus
    # the test CA, certificate and host name verified (the test certificates name 127.0.0.1).
    context = ssl.create_default_context(cafile=args.ca_file)
    context.load_default_certs()
    context.minimum_version = ssl.TLSVersion.TLSv1_2

    cpu_total, walls, wall_total = measured_runs(
        lambda index: loop(args, context, password), args.count, args.warmup, "bench_mailflow")
    print(
        f"python loops={args.count} (all ok, +{args.warmup} warm-up)"
        f" cpu_ms_per_loop={cpu_total / args.count:.3f}"
        f" wall_ms_median={percentile(walls, 0.5):.3f} wall_ms_p90={percentile(walls, 0.9):.3f}"
        f" cpu_ms_total={cpu_total:.1f} wall_ms_total={wall_total:.1f}"
    )


if __name__ == "__main__":
    main()
