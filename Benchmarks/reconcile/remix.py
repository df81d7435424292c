#!/usr/bin/env python3
"""Rewrites an independent-generator data set (register.csv, source.csv with its Vietnamese columns) in formats
neither generator writes, keeping the same people, so the same truth.csv scores it.

  remix.py SRC DST formats   register as a spreadsheet saves it (IDs without leading zeros, Vietnamese sex and
                             status words, DD/MM/YYYY); source dates with times, words or no separators, IDs
                             labelled, hyphenated or with an apostrophe, placeholders for none, sex spelled otherwise
  remix.py SRC DST names     30 % of the source's names with a form of address, a second holder or an alias
                             ("Ông …", "Hộ bà …", "… và bà Trần Thị Mai", "… (tức An)"); the register unchanged

Copies source-mapping.json and truth.csv. Seeded: the same input gives the same output."""
import csv
import random
import shutil
import sys

src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]
rnd = random.Random(11)


def redate(text):
    text = text.strip()
    parts = None
    for separator in "/.-":
        if separator in text:
            pieces = text.split(separator)
            if len(pieces) == 3:
                parts = (pieces[2], pieces[1], pieces[0]) if len(pieces[2]) == 4 else tuple(pieces)
            break
    if not text or parts is None:
        return rnd.choice([text, f"năm {text}" if text else text, f"{text} "])
    y, m, d = parts[0], int(parts[1]), int(parts[2])
    return rnd.choice([f"{y}-{m:02d}-{d:02d} 00:00:00", f"{y}-{m:02d}-{d:02d}T00:00:00Z", f"ngày {d} tháng {m} năm {y}",
                       f"{y}{m:02d}{d:02d}", f"{d:02d}-{m:02d}-{y}", f"{y}/{m:02d}/{d:02d}", f"{d}/{m}/{y}"])


def reid(text):
    text = text.strip()
    if not text:
        return rnd.choice(["", "không có", "N/A", "-"])
    if len(text) == 12:
        return rnd.choice([text, "CCCD: " + text, f"{text[:3]}-{text[3:6]}-{text[6:9]}-{text[9:]}", "'" + text])
    if len(text) == 9:
        return rnd.choice([text, "CMND " + text, text.lstrip("0") or text])
    return text


def rename(name, sex):
    if rnd.random() >= 0.3:
        return name
    form = "Ông" if sex.lower().startswith(("nam", "male")) else "Bà"
    other = "bà" if form == "Ông" else "ông"
    return rnd.choice([f"{form} {name}", f"Hộ {form.lower()} {name}", f"{form} {name} và {other} Trần Thị Mai",
                       f"{name} (tức {name.split()[-1]})"])


SEX = {"Nam": ["Nam", "nam", "Nam giới", "NAM"], "Nữ": ["Nữ", "nữ", "Nữ giới", "NỮ", "Nu\u031b\u0303"]}
MARITAL = {"single": "Độc thân", "married": "Đã kết hôn", "divorced": "Ly hôn", "widowed": "Góa"}

with open(f"{src}/source.csv", newline="", encoding="utf-8") as f, open(f"{dst}/source.csv", "w", newline="", encoding="utf-8") as g:
    reader, writer = csv.reader(f), csv.writer(g)
    header = next(reader)
    writer.writerow(header)
    col = {name: index for index, name in enumerate(header)}
    for row in reader:
        if mode == "formats":
            row[col["ngay_sinh"]] = redate(row[col["ngay_sinh"]])
            row[col["so_giay_to"]] = reid(row[col["so_giay_to"]])
            if row[col["gioi_tinh"]] in SEX:
                row[col["gioi_tinh"]] = rnd.choice(SEX[row[col["gioi_tinh"]]])
        else:
            row[col["ho_va_ten"]] = rename(row[col["ho_va_ten"]], row[col["gioi_tinh"]])
        writer.writerow(row)

if mode == "formats":
    with open(f"{src}/register.csv", newline="", encoding="utf-8") as f, open(f"{dst}/register.csv", "w", newline="", encoding="utf-8") as g:
        reader, writer = csv.reader(f), csv.writer(g)
        header = next(reader)
        writer.writerow(header)
        col = {name: index for index, name in enumerate(header)}
        for row in reader:
            for column in ("citizen_id", "legacy_id", "spouse_id"):
                row[col[column]] = row[col[column]].lstrip("0")
            row[col["sex"]] = {"male": "Nam", "female": "Nữ"}.get(row[col["sex"]], row[col["sex"]])
            row[col["marital_status"]] = MARITAL.get(row[col["marital_status"]], row[col["marital_status"]])
            row[col["vital_status"]] = {"alive": "Còn sống", "deceased": "Đã chết"}.get(row[col["vital_status"]], row[col["vital_status"]])
            date = row[col["date_of_birth"]]
            if len(date) == 10:
                row[col["date_of_birth"]] = f"{date[8:10]}/{date[5:7]}/{date[0:4]}"
            writer.writerow(row)
else:
    shutil.copy(f"{src}/register.csv", f"{dst}/register.csv")
for name in ("source-mapping.json", "truth.csv"):
    shutil.copy(f"{src}/{name}", f"{dst}/{name}")
