#!/usr/bin/env python3
"""Fills a migrated MotCua SQLite database with a personal archive at scale, in bulk SQL (no HTTP, no per-row
Python): CITIZENS people, each with DOSSIERS dossiers, each dossier with one signed, delivered result and
SCANS digitised documents. The rows are what the platform itself stores (same columns, valid identifiers,
states and JSON), so the archive listing reads them as it reads real ones.

Usage: seed.py DB CITIZENS DOSSIERS_PER_CITIZEN SCANS_PER_DOSSIER
Citizen n has the identifier 0272950nnnnnn (Bắc Ninh place code 027, born 1995, male): printed ones are used
for tokens by run.sh."""
import sqlite3
import sys
import time

db, citizens, per_citizen, scans = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
dossiers = citizens * per_citizen
base = 1767225600000  # 2026-01-01 00:00 UTC, in ms
connection = sqlite3.connect(db)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("PRAGMA synchronous = OFF")
connection.execute("PRAGMA cache_size = -1000000")
connection.execute("PRAGMA temp_store = MEMORY")
started = time.time()

def step(label, sql):
    t = time.time()
    connection.execute(sql)
    connection.commit()
    print(f"  {label}: {time.time() - t:.0f} s", file=sys.stderr, flush=True)

# Dossier d (0-based) belongs to citizen d % citizens, so each person's dossiers are spread over the period.
series = f"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {dossiers})"
step(f"{dossiers:,} dossiers", f"""{series}
INSERT INTO dossiers (id, code, procedure_code, agency_id, receiving_agency_id, applicant_id, applicant_name, channel, status, step,
    outcome, handler_id, submitted_at, received_at, due_at, finished_at, returned_at, paused_at, paused_remaining_minutes,
    supplement_requests, counts_as_late, extensions, version, history_head, details)
SELECT printf('b%011d', i), printf('BENCH-%09d', i), '1.001193', 'xa-09187', 'xa-09187', printf('027295%06d', i % {citizens}),
    'Công dân thử tải', 'online', 7, 'returned', 'approved', NULL, {base} + i * 7, {base} + i * 7, NULL, {base} + i * 7 + 3600000,
    {base} + i * 7 + 7200000, NULL, NULL, 0, 0, 0, 5, '', '{{}}'
FROM n""")
step(f"{dossiers:,} signed, delivered results", f"""{series}
INSERT INTO results (id, dossier_code, result_type, agency_id, version, supersedes, superseded_by, state, fields, prepared_by,
    prepared_at, register_book, register_number, issued_on, valid_until, signer_id, signer_name, signer_title, signed_at,
    certificate_serial, jws, holder_masked, revoked_at, revocation_reason, revoked_by, delivered_at, paper_copy, verifications)
SELECT printf('KQ-B%011d', i), printf('BENCH-%09d', i), 'birth_certificate_extract', 'xa-09187', 1, NULL, NULL,
    CASE WHEN i % 50 = 0 THEN 'revoked' ELSE 'signed' END, '{{}}', 'bench', {base} + i * 7 + 3000000, 'KS/BENCH', printf('%d', i),
    date(({base} + i * 7 + 3600000) / 1000, 'unixepoch'), NULL, 'bench.lanhdao', 'Lãnh đạo thử tải', 'Chủ tịch', {base} + i * 7 + 3600000,
    'BENCH', 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln', 'C*** T*** T***', NULL, NULL, NULL, {base} + i * 7 + 7200000, 0, 0
FROM n""")
documents = dossiers * scans
step(f"{documents:,} digitised documents", f"""WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {documents})
INSERT INTO digitised_documents (id, sha256, media_type, size_bytes, pages, width, height, dossier_code, component_code,
    digitised_by_kind, digitised_by, digitised_at)
SELECT printf('%08x-0000-4000-8000-%012x', i / {scans}, i), printf('%064x', i), 'application/pdf', 48000, 1, NULL, NULL,
    printf('BENCH-%09d', i / {scans}), 'birth_certificate', 'official', 'bench', {base} + (i / {scans}) * 7 + (i % {scans}) * 1000
FROM n""")
step("ANALYZE", "ANALYZE")
connection.close()
print(f"  {dossiers + documents:,} archive items for {citizens:,} citizens in {time.time() - started:.0f} s", file=sys.stderr)
