#!/usr/bin/env python3
"""The probe's IMAP dialogue with Python's imaplib, many times in one process; prints CPU per probe.

Used by scripts/bench.sh as the baseline for imapwatch's ProbeBench: the same steps (TLS or STARTTLS with
certificate and host name verification, LOGIN, EXAMINE, partial FETCH of the newest message, GETQUOTAROOT,
LOGOUT), measured the same way (getrusage(RUSAGE_SELF) around the measured probes, after warm-up ones).
Python 3 standard library only. Exits 1 on the first failed probe, with the reason.
"""
import argparse
import imaplib

import bench_measure


def probe(args, context, password):
    if args.tls == "implicit":
        imap = imaplib.IMAP4_SSL(args.host, args.port, ssl_context=context, timeout=10)
    else:
        imap = imaplib.IMAP4(args.host, args.port, timeout=10)
        imap.starttls(ssl_context=context)
    try:
        check(imap.login(args.user, password), "LOGIN")
        typ, data = imap.select("INBOX", readonly=True)
        check((typ, data), "EXAMINE")
        newest = int(data[0])
        if newest < 1:
            raise RuntimeError("EXAMINE: mailbox is empty")
        typ, data = imap.fetch(str(newest), "(RFC822.SIZE BODY.PEEK[]<0.1024>)")
        check((typ, data), "FETCH")
        if not isinstance(data[0], tuple) or len(data[0][1]) != 1024:
            raise RuntimeError(f"FETCH: expected 1024 octets, got {data[0]!r:.80}")
        typ, data = imap.getquotaroot("INBOX")
        check((typ, data), "GETQUOTAROOT")
        if not data[1] or data[1][0] is None:
            raise RuntimeError(f"GETQUOTAROOT: no QUOTA response: {data!r:.120}")
    finally:
        check(imap.logout(), "LOGOUT", ok=("BYE", "OK"))


def check(reply, what, ok=("OK",)):
    typ, data = reply
    if typ not in ok:
        raise RuntimeError(f"{what}: {typ} {data!r:.120}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", choices=("starttls", "implicit"), default="starttls")
    parser.add_argument("--ca-file", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    password = bench_measure.password(args.password_file)
    context = bench_measure.client_context(args.ca_file)

    cpu_total, walls, wall_total = bench_measure.measured_runs(
        lambda index: probe(args, context, password), args.count, args.warmup, "bench_imaplib")
    head = f"tls={args.tls} port={args.port} probes={args.count} (all ok, +{args.warmup} warm-up)"
    print(head + bench_measure.figures("probe", args.count, cpu_total, walls, wall_total))


if __name__ == "__main__":
    main()
