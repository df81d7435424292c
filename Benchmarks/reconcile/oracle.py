#!/usr/bin/env python3
"""Upper bound on the recall of records without an ID, for a data set of the independent generator
(`motcua reconcile generate --generator independent`): register.csv and truth.csv in one folder.

A record without an ID can be linked automatically only if its fields single out one register person. This
takes each such record's fields from its true person, error-free (so every name error counts as repaired),
reduced to what the record's damage left (a year for `birth_year_only`, no date for `birth_date_missing`, no
commune for `place_missing`, `place_unresolvable` and `place_other_commune`), and counts the register people who
share them (folded name, date, sex, commune). A record whose key another person shares cannot be linked
automatically by any method. The generous bound it prints, per error kind, is the share with a unique key.

Usage: Benchmarks/reconcile/oracle.py FOLDER
"""

import csv, sys, unicodedata, collections
d = sys.argv[1]
def fold(t):
    t = unicodedata.normalize("NFD", t.replace("Đ", "D").replace("đ", "d")).lower()
    return " ".join("".join(c for c in t if not unicodedata.combining(c)).split())
reg = {}
counts = collections.Counter()
with open(f"{d}/register.csv", newline="", encoding="utf-8") as f:
    r = csv.reader(f); h = next(r); c = {n: i for i, n in enumerate(h)}
    for row in r:
        name = fold(row[c["full_name"]]); dob = row[c["date_of_birth"]]; sex = row[c["sex"]]; com = row[c["commune_code"]]
        reg[row[c["citizen_id"]]] = (name, dob, sex, com)
        for k in [(name, dob, sex, com), (name, dob, sex), (name, dob[:4], sex, com), (name, dob[:4], sex), (name, sex, com), (name, sex)]:
            counts[k] += 1
tot = collections.Counter(); uniq = collections.Counter()
with open(f"{d}/truth.csv", newline="", encoding="utf-8") as f:
    r = csv.DictReader(f)
    for row in r:
        if row["id_situation"] != "no_id": continue
        p = reg.get(row["true_citizen_id"])
        if not p: continue
        name, dob, sex, com = p
        errs = row["errors"].split(";")
        place = not any(e in errs for e in ("place_missing", "place_unresolvable", "place_other_commune"))
        if "birth_date_missing" in errs: k = (name, sex, com) if place else (name, sex)
        elif "birth_year_only" in errs: k = (name, dob[:4], sex, com) if place else (name, dob[:4], sex)
        else: k = (name, dob, sex, com) if place else (name, dob, sex)
        u = counts[k] == 1
        for e in ["all"] + errs:
            tot[e] += 1; uniq[e] += u
for e in sorted(tot, key=lambda e: -tot[e]):
    print(f"{e:30s} {tot[e]:8d} {uniq[e]/tot[e]:.4f}")
