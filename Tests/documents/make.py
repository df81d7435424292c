#!/usr/bin/env python3
"""Makes the sample scans the document-check tests read. Run from this folder:
    pip install pillow && python3 make.py
Needs Ghostscript (`gs`) for the PDFs written by a real tool. The files are committed, so tests do not need
these tools; damaged variants (truncated, flipped bytes, lying names) are made by the tests themselves."""
import subprocess
import zlib

from PIL import Image

def gradient(mode, size):
    image = Image.new("RGB", size)
    image.putdata([((x * 255) // size[0], (y * 255) // size[1], 128) for y in range(size[1]) for x in range(size[0])])
    return image.convert(mode)

# JPEG: baseline colour, progressive greyscale, CMYK (4 components).
gradient("RGB", (120, 80)).save("pillow-rgb.jpg", quality=85)
gradient("L", (64, 48)).save("pillow-gray-progressive.jpg", progressive=True, quality=80)
gradient("CMYK", (33, 17)).save("pillow-cmyk.jpg")
gradient("RGB", (80, 64)).save("pillow-restart-markers.jpg", restart_marker_rows=1)
# PNG: interlaced RGBA, palette, 16-bit grey.
gradient("RGBA", (37, 23)).save("pillow-rgba-interlaced.png", interlace=1)
gradient("P", (50, 40)).save("pillow-palette.png")
gradient("I", (19, 7)).convert("I;16").save("pillow-gray16.png")
# PDF by Pillow: two pages, classic cross-reference table.
gradient("RGB", (60, 80)).save("pillow-two-pages.pdf", save_all=True, append_images=[gradient("RGB", (80, 60))])
# PDF by Ghostscript: three pages, then the same encrypted with an owner and a user password.
subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-o", "ghostscript-three-pages.pdf",
                "three-pages.ps"], check=True)
subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-sOwnerPassword=chu", "-sUserPassword=dan",
                "-o", "ghostscript-encrypted.pdf", "three-pages.ps"], check=True)

def object_stream_pdf(path, encrypt):
    """PDF 1.5 with the catalogue and page tree inside a compressed object stream and a cross-reference stream
    (ISO 32000-1 §7.5.7–7.5.8); with `encrypt`, the cross-reference stream names an /Encrypt dictionary."""
    inside = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    }
    header, body = b"", b""
    for number, text in inside.items():
        header += b"%d %d " % (number, len(body))
        body += text + b"\n"
    packed = zlib.compress(header + body)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    offsets[5] = len(out)
    out += b"5 0 obj\n<< /Type /ObjStm /N 4 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(packed))
    out += packed + b"\nendstream\nendobj\n"
    if encrypt:
        offsets[7] = len(out)
        out += b"7 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >>\nendobj\n"
    xref_at = len(out)
    size = 8
    rows = b""
    for number in range(size):
        if number in (1, 2, 3, 4):
            rows += bytes([2]) + (5).to_bytes(2, "big") + bytes([number - 1])
        elif number in offsets:
            rows += bytes([1]) + offsets[number].to_bytes(2, "big") + bytes([0])
        elif number == 6:
            rows += bytes([1]) + xref_at.to_bytes(2, "big") + bytes([0])
        else:
            rows += bytes([0, 0, 0, 255 if number == 0 else 0])
    extra = b" /Encrypt 7 0 R /ID [<0102> <0102>]" if encrypt else b""
    out += b"6 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root 1 0 R%s /Length %d >>\nstream\n" % (size, extra, len(rows))
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    with open(path, "wb") as file:
        file.write(out)

object_stream_pdf("object-streams.pdf", encrypt=False)
object_stream_pdf("object-streams-encrypted.pdf", encrypt=True)
