#!/usr/bin/env python3
"""Drives the results benchmark against a running platform (demo mode, embedded sandbox).

1. prepares N birth registrations up to the signature step (counter receipt, assignment, result preparation,
   appraisal, approval), with the demo ward's officials;
2. signs `single` of them one request at a time and reports the latency of "sign and store" (p50, p99);
3. batch-signs the rest (up to 1,000) in one request and reports the time;
4. writes the signed result ids to a file for the verification run (wrk).
Only the standard library: urllib and threads.
"""
import http.client, json, statistics, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE, SANDBOX, COUNT, SINGLE, IDS_FILE = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
FIELDS = {"fullName": "Nguyễn Minh Khôi", "dateOfBirth": "2026-11-20", "sex": "Nam", "placeOfBirth": "Bệnh viện Sản Nhi Bắc Ninh",
          "ethnicity": "Kinh", "nationality": "Việt Nam", "requesterName": "Nguyễn Văn An"}


def call(method, path, token=None, body=None, expect=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if path == "/api/v1/dossiers":
        request.add_header("Prefer", "wait=10")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {path}: {error.code} {error.read().decode()[:300]}")


def sign_in(username):
    return call("POST", "/api/v1/auth/sign-in", body={"username": username, "password": "MotCua@2026"})["token"]


reception, specialist, leader = sign_in("kinhbac.tiepnhan"), sign_in("kinhbac.chuyenvien"), sign_in("kinhbac.lanhdao")
ward = next(a for a in call("GET", "/api/v1/agencies?kind=commune") if a.get("administrativeCode") == "09187")
birth = next(p for p in call("GET", "/api/v1/procedures") if p["code"] == "1.001193")
with urllib.request.urlopen(SANDBOX + "/sandbox/samples?count=40") as answer:
    people = [p for p in json.load(answer) if p.get("alive", True)]
components = [{"code": c["code"]} for c in birth["components"] if not c.get("registrySource")]


def prepare(index):
    person = people[index % len(people)]
    dossier = call("POST", "/api/v1/dossiers", reception, {
        "procedureCode": birth["code"], "agencyId": ward["id"], "channel": "counter", "formData": {},
        "applicant": {"citizenId": person["citizenID"], "fullName": person["fullName"]}, "components": components})
    code = dossier["code"]
    dossier = call("POST", f"/api/v1/dossiers/{code}/transitions", reception,
                   {"action": "assign", "version": dossier["version"], "assigneeId": "kinhbac.chuyenvien"})
    sheet = call("PUT", f"/api/v1/dossiers/{code}/result", specialist, {"version": dossier["version"], "fields": FIELDS})
    dossier = call("POST", f"/api/v1/dossiers/{code}/transitions", specialist,
                   {"action": "appraise", "version": sheet["dossierVersion"], "opinion": "Đủ điều kiện"})
    dossier = call("POST", f"/api/v1/dossiers/{code}/transitions", leader,
                   {"action": "approve", "version": dossier["version"], "overrideReason": "Benchmark: đã đối chiếu bản chính"})
    return code, dossier["version"]


started = time.time()
with ThreadPoolExecutor(8) as pool:
    ready = list(pool.map(prepare, range(COUNT)))
print(f"prepared {len(ready)} dossiers at the signature step in {time.time() - started:.1f} s")

# One kept-alive connection, as a browser holds it: the figure is the server's work plus one loopback round trip.
latencies, ids = [], []
host, port = BASE.split("//")[1].split(":")
connection = http.client.HTTPConnection(host, int(port), timeout=60)
for code, version in ready[:SINGLE]:
    body = json.dumps({"version": version, "overrideReason": "Benchmark"})
    begin = time.perf_counter()
    connection.request("POST", f"/api/v1/dossiers/{code}/result/sign", body,
                       {"Content-Type": "application/json", "Authorization": "Bearer " + leader})
    response = connection.getresponse()
    payload = response.read()
    latencies.append((time.perf_counter() - begin) * 1000)
    if response.status != 200:
        raise SystemExit(f"sign {code}: {response.status} {payload[:300]}")
    ids.append(json.loads(payload)["id"])
latencies.sort()
print(f"sign and store, one request at a time (HTTP round trip included): n={len(latencies)} "
      f"p50={statistics.median(latencies):.2f} ms p99={latencies[int(len(latencies) * 0.99) - 1]:.2f} ms")

batch = [code for code, _ in ready[SINGLE:SINGLE + 1000]]
if batch:
    begin = time.perf_counter()
    outcome = call("POST", "/api/v1/results/sign-batch", leader, {"codes": batch})
    elapsed = time.perf_counter() - begin
    ids += [r["id"] for r in outcome["signed"]]
    print(f"batch signing: {len(outcome['signed'])} signed, {len(outcome['refused'])} refused, in {elapsed:.2f} s")
    if outcome["refused"]:
        print("first refusal:", outcome["refused"][0])
open(IDS_FILE, "w").write("\n".join(ids) + "\n")
