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
import time

import bench_measure

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
    password = bench_measure.password(args.password_file)
    context = bench_measure.client_context(args.ca_file)

    cpu_total, walls, wall_total = bench_measure.measured_runs(
        lambda index: loop(args, context, password), args.count, args.warmup, "bench_mailflow")
    head = f"python loops={args.count} (all ok, +{args.warmup} warm-up)"
    print(head + bench_measure.figures("loop", args.count, cpu_total, walls, wall_total))


if __name__ == "__main__":
    main()
