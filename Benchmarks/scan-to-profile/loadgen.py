#!/usr/bin/env python3
"""Open-loop HTTP/1.1 load generator (standard library only).

Sends POST requests at a fixed rate over a pool of keep-alive connections and measures each latency from
the request's *intended* send time, so a stalled server shows up in the figures instead of slowing the
sender down (no coordinated omission, the same idea as wrk2). If every connection is busy, requests wait
in a queue and that wait counts as latency.

    loadgen.py --url http://127.0.0.1:8080/api/v1/registry/profile --bodies bodies.jsonl \
               --header 'Authorization: Bearer …' --rate 500 --duration 30 --connections 64

bodies.jsonl holds one JSON request body a line; requests cycle through them. With --paths FILE it sends
GET requests instead, to the URL's path followed by each line of FILE. Prints one line of figures;
`--json` prints them as JSON instead.
"""
import argparse, asyncio, json, sys, time
from urllib.parse import urlsplit


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length, chunked, close = None, False, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        value = value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value:
            chunked = True
        elif name == b"connection" and value == b"close":
            close = True
    if chunked:
        body = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            body += await reader.readexactly(size + 2)
        return status, bytes(body), close
    return status, (await reader.readexactly(length)) if length else b"", close


async def run(args):
    url = urlsplit(args.url)
    host, port = url.hostname, url.port or 80
    path = url.path + (("?" + url.query) if url.query else "")
    extra = "".join(h + "\r\n" for h in args.header)
    if args.paths:  # GET each path of the file in turn
        with open(args.paths) as f:
            requests = [f"GET {path.rstrip()}{line.strip()} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}\r\n".encode()
                        for line in f if line.strip()]
    else:  # POST each body of the file in turn
        with open(args.bodies, "rb") as f:
            bodies = [line.rstrip(b"\n") for line in f if line.strip()]
        requests = [
            (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
             f"{extra}Content-Length: {len(b)}\r\n\r\n").encode() + b for b in bodies
        ]
    total = int(args.rate * args.duration)
    queue = asyncio.Queue()
    latencies, statuses, samples_of_errors = [], {}, []
    finished = [0.0]

    async def connection():
        reader = writer = None
        while True:
            item = await queue.get()
            if item is None:
                break
            intended, request = item
            for attempt in (1, 2):
                try:
                    if writer is None:
                        reader, writer = await asyncio.open_connection(host, port)
                    writer.write(request)
                    status, body, close = await read_response(reader)
                    break
                except (OSError, asyncio.IncompleteReadError) as error:
                    writer = None
                    status, body, close = 0, str(error).encode(), True
            done = time.perf_counter()
            latencies.append(done - intended)
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200 and len(samples_of_errors) < 3:
                samples_of_errors.append(f"{status}: " + " ".join(body[:300].decode(errors="replace").split()))
            finished[0] = max(finished[0], done)
            if close and writer is not None:
                writer.close()
                writer = None

    workers = [asyncio.create_task(connection()) for _ in range(args.connections)]
    start = time.perf_counter() + 0.05
    interval = 1.0 / args.rate
    for i in range(total):
        intended = start + i * interval
        delay = intended - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((intended, requests[i % len(requests)]))
    sent_until = time.perf_counter()
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)

    latencies.sort()
    ms = lambda s: round(s * 1000, 2)
    elapsed = finished[0] - start
    result = {
        "target_rate": args.rate, "requests": len(latencies), "seconds": round(elapsed, 2),
        "achieved_rate": round(len(latencies) / elapsed, 1) if elapsed > 0 else 0,
        "send_lag_ms": ms(sent_until - (start + (total - 1) * interval)),
        "p50_ms": ms(percentile(latencies, 50)), "p90_ms": ms(percentile(latencies, 90)),
        "p99_ms": ms(percentile(latencies, 99)), "p999_ms": ms(percentile(latencies, 99.9)),
        "max_ms": ms(latencies[-1]) if latencies else None,
        "ok": statuses.get(200, 0), "errors": sum(v for k, v in statuses.items() if k != 200),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }
    for sample in samples_of_errors:
        print("error sample:", sample, file=sys.stderr)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"rate {args.rate}/s for {args.duration}s: achieved {result['achieved_rate']}/s, "
              f"{result['ok']} ok, {result['errors']} errors; p50 {result['p50_ms']} ms  p90 {result['p90_ms']} ms  "
              f"p99 {result['p99_ms']} ms  p99.9 {result['p999_ms']} ms  max {result['max_ms']} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--bodies", help="JSON bodies to POST, one a line")
    parser.add_argument("--paths", help="instead of --bodies: path suffixes to GET (appended to the URL's path), one a line")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        import uvloop  # optional, lowers the generator's own CPU use
        uvloop.install()
    except ImportError:
        pass
    asyncio.run(run(args))
