#!/usr/bin/env python3
"""How long a receipt takes to show in the served Decision 766 figures (issue 11: at most 2 s).

One probe: read indicator 2.1's denominator (dossiers received in the month) for the probe commune as served by
GET /api/v1/index, post one counter receipt at that commune, then poll the index every 20 ms until the
denominator has grown by one. The lag is the time from the receipt's answer to the first poll that shows it.
The probe commune must receive nothing else meanwhile (the run script leaves it out of the background load).

Usage: lag.py --url http://127.0.0.1:PORT --identities ids.lua --agency xa-NNNNN --probes 40
"""
import argparse
import json
import random
import re
import statistics
import time
import urllib.request
from datetime import datetime, timedelta, timezone


def call(url, token, method="GET", body=None):
    request = urllib.request.Request(url, method=method, data=body)
    request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def denominator(base, token, agency, period):
    _, report = call(f"{base}/api/v1/index?agency={agency}&period={period}", token)
    for group in report["groups"]:
        for indicator in group["indicators"]:
            if indicator["id"] == "2.1":
                return indicator.get("denominator") or 0
    raise SystemExit("indicator 2.1 is not in the report")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--identities", required=True)
    parser.add_argument("--agency", required=True)
    parser.add_argument("--probes", type=int, default=40)
    parser.add_argument("--limit", type=float, default=10.0)
    args = parser.parse_args()

    text = open(args.identities, encoding="utf-8").read()
    officers = dict((agency, token) for token, agency in re.findall(r'token = "([^"]+)", agency = "([^"]+)"', text))
    reception = officers[args.agency]
    monitor = re.search(r'listing = "([^"]+)"', text).group(1)
    procedure = re.search(r'procedure = "([^"]+)"', text).group(1)
    components = json.loads(re.search(r"components = \[==\[(.*)\]==\]", text).group(1))
    period = (datetime.now(timezone.utc) + timedelta(hours=7)).strftime("%Y-%m")

    lags = []
    for _ in range(args.probes):
        before = denominator(args.url, monitor, args.agency, period)
        citizen = "0272%02d%06d" % (random.randint(0, 25), random.randint(0, 999999))
        body = json.dumps({
            "procedureCode": procedure, "agencyId": args.agency, "channel": "counter",
            "applicant": {"citizenId": citizen, "fullName": "Nguyễn Văn Thử"},
            "formData": {"tenTre": "Nguyễn Minh Khôi"}, "components": components,
        }).encode()
        status, _ = call(f"{args.url}/api/v1/dossiers", reception, "POST", body)
        if status != 201:
            raise SystemExit(f"receipt answered {status}")
        received = time.monotonic()
        while True:
            if denominator(args.url, monitor, args.agency, period) >= before + 1:
                lags.append(time.monotonic() - received)
                break
            if time.monotonic() - received > args.limit:
                lags.append(float("inf"))
                break
            time.sleep(0.02)
        time.sleep(random.uniform(0.1, 0.4))  # probes at random phases of the counters' 250 ms cycle

    finite = sorted(lag for lag in lags if lag != float("inf"))
    missed = len(lags) - len(finite)
    print(f"receipt-to-figure lag over {len(lags)} probes: "
          f"p50 {statistics.median(finite) * 1000:.0f} ms, "
          f"p90 {finite[int(0.9 * (len(finite) - 1))] * 1000:.0f} ms, max {finite[-1] * 1000:.0f} ms; "
          f"over {args.limit:.0f} s: {missed}")


if __name__ == "__main__":
    main()
