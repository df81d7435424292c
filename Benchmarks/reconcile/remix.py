#!/usr/bin/env python3
"""Rewrites an independent-generator data set (register.csv, source.csv with its Vietnamese columns) in formats
neither generator writes, keeping the same people, so the same truth.csv scores it.

  remix.py SRC DST formats   register as a spreadsheet saves it (IDs without leading zeros, Vietnamese sex and
                             status words, DD/MM/YYYY); source dates with times, words or no separators, IDs
                             labelled, hyphenated or with an apostrophe, placeholders for none, sex spelled otherwise
  remix.py SRC DST names     30 % of the source's names with a form of address, a second holder or an alias
                             ("Ông …", "Hộ bà …", "… và bà Trần Thị Mai", "… (tức An)"); the register unchanged
  remix.py SRC DST scan      damage as scanned and retyped paper does: letters for digits in IDs and dates (O/0,
                             l/1, S/5, B/8), an ID with a digit lost or doubled, impossible days, two-digit years,
                             names run together, in capitals, with a diacritic lost or m/rn confused; 1 % of the
                             register's IDs and dates with a letter for a digit
  remix.py SRC DST encodings the source in Windows-1258 (tones as combining marks), the register as spreadsheet
                             "Unicode text" (UTF-16 with a byte-order mark, tab-separated); values unchanged

Copies source-mapping.json and truth.csv. Seeded: the same input gives the same output."""
import csv
import random
import unicodedata
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


OCR = {"0": "O", "1": "l", "5": "S", "8": "B"}


def confuse(text, count):
    """Replaces up to `count` digits that a scanner confuses with letters."""
    places = [index for index, char in enumerate(text) if char in OCR]
    chars = list(text)
    for index in rnd.sample(places, min(count, len(places))):
        chars[index] = OCR[chars[index]]
    return "".join(chars)


def scan_id(text):
    roll = rnd.random()
    if not text.strip() or roll >= 0.10:
        return text
    if roll < 0.08:
        return confuse(text, rnd.choice([1, 2]))
    position = rnd.randrange(len(text))
    return text[:position] + text[position + 1:] if roll < 0.09 else text[:position] + text[position] + text[position:]


def scan_date(text):
    roll = rnd.random()
    if not text.strip() or roll >= 0.13:
        return text
    if roll < 0.08:
        return confuse(text, 1)
    pieces = text.replace(".", "/").replace("-", "/").split("/")
    if len(pieces) != 3:
        return text
    day, month, year = (pieces[2], pieces[1], pieces[0]) if len(pieces[0]) == 4 else tuple(pieces)
    if roll < 0.11:
        return f"{rnd.choice([30, 31, 32, 35])}/{month}/{year}" if month == "02" or month == "2" else f"{rnd.choice([32, 35, 39])}/{month}/{year}"
    return f"{day}/{month}/{year[-2:]}"


def scan_name(name):
    roll = rnd.random()
    if roll >= 0.12:
        return name
    words = name.split()
    if roll < 0.03 and len(words) > 2:
        position = rnd.randrange(len(words) - 1)
        return " ".join(words[:position] + [words[position] + words[position + 1]] + words[position + 2:])
    if roll < 0.06:
        return name.upper()
    if roll < 0.09:
        decomposed = unicodedata.normalize("NFD", name)
        marks = [index for index, char in enumerate(decomposed) if unicodedata.combining(char)]
        if marks:
            index = rnd.choice(marks)
            decomposed = decomposed[:index] + decomposed[index + 1:]
        return unicodedata.normalize("NFC", decomposed)
    return name.replace("m", "rn", 1) if "m" in name else name.replace("rn", "m", 1)


SEX = {"Nam": ["Nam", "nam", "Nam giới", "NAM"], "Nữ": ["Nữ", "nữ", "Nữ giới", "NỮ", "Nu\u031b\u0303"]}
MARITAL = {"single": "Độc thân", "married": "Đã kết hôn", "divorced": "Ly hôn", "widowed": "Góa"}

def rewrite(name, transform):
    """Copies SRC/name to DST/name, passing each data row and the column positions to `transform`."""
    with open(f"{src}/{name}", newline="", encoding="utf-8") as f, open(f"{dst}/{name}", "w", newline="", encoding="utf-8") as g:
        reader, writer = csv.reader(f), csv.writer(g)
        header = next(reader)
        writer.writerow(header)
        col = {column: index for index, column in enumerate(header)}
        for row in reader:
            transform(row, col)
            writer.writerow(row)


def source_row(row, col):
    if mode == "formats":
        row[col["ngay_sinh"]] = redate(row[col["ngay_sinh"]])
        row[col["so_giay_to"]] = reid(row[col["so_giay_to"]])
        if row[col["gioi_tinh"]] in SEX:
            row[col["gioi_tinh"]] = rnd.choice(SEX[row[col["gioi_tinh"]]])
    elif mode == "scan":
        row[col["so_giay_to"]] = scan_id(row[col["so_giay_to"]])
        row[col["ngay_sinh"]] = scan_date(row[col["ngay_sinh"]])
        row[col["ho_va_ten"]] = scan_name(row[col["ho_va_ten"]])
    else:
        row[col["ho_va_ten"]] = rename(row[col["ho_va_ten"]], row[col["gioi_tinh"]])


def register_row(row, col):
    if mode == "formats":
        for column in ("citizen_id", "legacy_id", "spouse_id"):
            row[col[column]] = row[col[column]].lstrip("0")
        row[col["sex"]] = {"male": "Nam", "female": "Nữ"}.get(row[col["sex"]], row[col["sex"]])
        row[col["marital_status"]] = MARITAL.get(row[col["marital_status"]], row[col["marital_status"]])
        row[col["vital_status"]] = {"alive": "Còn sống", "deceased": "Đã chết"}.get(row[col["vital_status"]], row[col["vital_status"]])
        date = row[col["date_of_birth"]]
        if len(date) == 10:
            row[col["date_of_birth"]] = f"{date[8:10]}/{date[5:7]}/{date[0:4]}"
    elif mode == "scan":
        for column in ("citizen_id", "date_of_birth"):
            if rnd.random() < 0.01:
                row[col[column]] = confuse(row[col[column]], 1)


def windows1258(text):
    """Windows-1258 bytes of `text`: each letter as a base (with its vowel mark when the code page has that letter)
    plus the tone as a combining mark, as Vietnamese Windows software writes it."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for mark in list(marks):
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and composed.encode("cp1258", errors="ignore"):
                base = composed
                marks.remove(mark)
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


if mode == "encodings":
    with open(f"{src}/source.csv", "rb") as f, open(f"{dst}/source.csv", "wb") as g:
        g.write(windows1258(f.read().decode("utf-8")))
    with open(f"{src}/register.csv", newline="", encoding="utf-8") as f, open(f"{dst}/register.csv", "w", newline="", encoding="utf-16") as g:
        csv.writer(g, delimiter="\t").writerows(csv.reader(f))
    for name in ("source-mapping.json", "truth.csv"):
        shutil.copy(f"{src}/{name}", f"{dst}/{name}")
    sys.exit(0)

rewrite("source.csv", source_row)
if mode == "names":
    shutil.copy(f"{src}/register.csv", f"{dst}/register.csv")
else:
    rewrite("register.csv", register_row)
for name in ("source-mapping.json", "truth.csv"):
    shutil.copy(f"{src}/{name}", f"{dst}/{name}")
