#!/usr/bin/env python3
"""Concurrent scan uploads (standard library only): N clients, each in a loop, upload a PDF of SIZE bytes with
content of its own (so the blob store's de-duplication does not skip the write) to one component of one
dossier, for DURATION seconds (or --uploads times each). Prints the count, the failures and the latency
percentiles; with --pid, the server's anonymous resident memory (RssAnon: heap and stacks; a scan the server
maps to check it is page cache, not counted) before the run and its peak, sampled every 2 ms.

    uploader.py --base http://127.0.0.1:8096 --token … --dossier CODE --component declaration \
                --clients 50 --size 2000000 --duration 30 [--pid PID]
"""
import argparse, http.client, os, threading, time
from urllib.parse import urlsplit


_FILLER = {}


def pdf(size):
    """A one-page PDF padded to `size` bytes, valid for the platform's check, distinct from every other one (a
    random prefix in its content) so the blob store's de-duplication does not skip the write; the rest of the
    filler is generated once, so the load generator's own CPU stays off the server's cores."""
    head = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n")
    tail = b"\nendstream\nendobj\nxref\n0 5\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
    filler = max(0, size - len(head) - len(tail) - 64)
    # Random bytes may spell "endstream" with vanishing odds; hex digits never do.
    if filler not in _FILLER:
        _FILLER[filler] = os.urandom(filler // 2).hex().encode()
    unique = os.urandom(16).hex().encode()
    content = unique + _FILLER[filler][len(unique):]
    return head + b"4 0 obj\n<< /Length %d >>\nstream\n" % len(content) + content + tail


def paced(body, rate):
    """The body in 64 KiB pieces, sent no faster than `rate` bytes per second (a client's uplink)."""
    start = time.monotonic()
    for offset in range(0, len(body), 65536):
        due = start + offset / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        yield body[offset:offset + 65536]


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--dossier", required=True)
    parser.add_argument("--component", default="declaration")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--size", type=int, default=2_000_000)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--uploads", type=int, help="uploads per client, instead of --duration")
    parser.add_argument("--pid", type=int)
    parser.add_argument("--link", type=int, default=0,
                        help="bytes per second each client sends (0: as fast as loopback allows)")
    args = parser.parse_args()
    url = urlsplit(args.base)
    path = f"/api/v1/dossiers/{args.dossier}/components/{args.component}/documents"
    latencies, failures, lock = [], [], threading.Lock()
    deadline = time.monotonic() + args.duration
    rss_before = status_kib(args.pid, "RssAnon") if args.pid else 0
    peak = [rss_before]
    sampling = [True]

    def sampler():
        while sampling[0]:
            peak[0] = max(peak[0], status_kib(args.pid, "RssAnon"))
            time.sleep(0.002)

    def client():
        connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
        done = 0
        while (done < args.uploads) if args.uploads else (time.monotonic() < deadline):
            done += 1
            body = pdf(args.size)
            start = time.monotonic()
            try:
                headers = {"Authorization": "Bearer " + args.token, "Content-Type": "application/pdf",
                           "Content-Length": str(len(body))}
                connection.request("POST", path, body=paced(body, args.link) if args.link else body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                ok = response.status == 201
            except OSError as error:
                ok, answer = False, str(error).encode()
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=120)
            elapsed = time.monotonic() - start
            with lock:
                (latencies if ok else failures).append(elapsed if ok else answer[:200])

    if args.pid: threading.Thread(target=sampler, daemon=True).start()
    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    elapsed = time.monotonic() - started
    sampling[0] = False
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")
    line = (f"uploads: {len(latencies)} filed ({len(latencies) * args.size / elapsed / 1e6:.1f} MB/s), {len(failures)} failed; "
            f"latency p50 {pick(50):.0f} ms, p99 {pick(99):.0f} ms, max {pick(100):.0f} ms")
    if args.pid:
        line += f"; server RssAnon {rss_before} KiB before, peak {peak[0]} KiB, growth {peak[0] - rss_before} KiB"
    print(line)
    for failure in failures[:3]: print("  failure:", failure)


if __name__ == "__main__":
    main()
