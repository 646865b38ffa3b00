#!/usr/bin/env bash
# Builds the OCR fixtures in tests/fixtures/ocr from the two report texts there (ocr-a.txt, ocr-b.txt):
# pages are rendered with ImageMagick (label: with WenQuanYi Micro Hei), so they are scans with no text layer.
#   ocr-a.300dpi.pdf         ocr-a, one A4 page at 300 dpi, 1-bit CCITT G4, no text layer
#   ocr-b.200dpi.pdf         ocr-b, one A4 page at 200 dpi, 1-bit CCITT G4
#   ocr-a.rotated-noisy.pdf  ocr-a at 300 dpi turned by 1.2 degrees, with speckle noise, then 1-bit
#   ocr-b.photo.jpg          ocr-b "photographed": grey, slightly skewed in perspective, uneven light, blur, noise, JPEG
#   ocr-ab.tif               multi-page TIFF (G4, 200 dpi): page 1 ocr-a, page 2 ocr-b
#   ocr-b.lines.png          the first paragraphs of ocr-b at 300 dpi, greyscale PNG
#   ocr-mixed.pdf            ocr-a in two pages: page 1 a text PDF (LibreOffice), page 2 a scan of the rest
# Needs: imagemagick, fonts-wqy-microhei, poppler-utils (pdfunite), libreoffice-writer (for the mixed PDF), python3.
# Usage: tools/make-ocr-fixtures.sh   (from the repo root; rewrites the files above)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=tests/fixtures/ocr
FONT=${FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
for tool in convert pdfunite soffice python3; do
  command -v "$tool" >/dev/null || { echo "make-ocr-fixtures: $tool not found (apt-get install imagemagick poppler-utils libreoffice-writer-nogui python3)" >&2; exit 1; }
done
[ -f "$FONT" ] || { echo "make-ocr-fixtures: font $FONT not found (apt-get install fonts-wqy-microhei)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# wrap FILE WIDTH: the text with each paragraph broken into lines of at most WIDTH ems (CJK 1, other characters 0.5).
wrap() {
  python3 - "$1" "$2" <<'PY'
import sys
path, width = sys.argv[1], float(sys.argv[2])
out = []
for para in open(path, encoding="utf-8").read().rstrip("\n").split("\n"):
    line, used = "", 0.0
    for ch in para:
        w = 0.5 if ord(ch) < 0x2E80 else 1.0
        if used + w > width:
            out.append(line); line, used = "", 0.0
        line += ch; used += w
    out.append(line)
print("\n".join(out))
PY
}

# page TEXT DPI OUT.png: TEXT rendered (passed inline: the security policy refuses label:@file) on a white A4 page at DPI, 14 pt, 2.1 cm margins (greyscale PNG).
page() {
  local text=$1 dpi=$2 out=$3
  local w=$(( 827 * dpi / 100 )) h=$(( 1169 * dpi / 100 )) margin=$(( 83 * dpi / 100 ))
  wrap "$text" 34 > "$TMP/wrapped.txt"
  convert -density "$dpi" -units PixelsPerInch -background white -fill black -font "$FONT" -pointsize 14 \
    -interline-spacing $(( 10 * dpi / 100 )) label:"$(cat "$TMP/wrapped.txt")" \
    -gravity northwest -splice "${margin}x${margin}" -extent "${w}x${h}" \
    -colorspace Gray -depth 8 -strip "$out"
}

# pdf OUT.pdf DPI PAGE...: an image-only PDF at DPI, one page per image (PNG/TIFF as CCITT G4, JPEG as is).
pdf() {
  python3 - "$@" <<'PY'
import subprocess, sys, struct, os, tempfile
out, dpi, pages = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
objs = []
def add(b): objs.append(b); return len(objs)
def ident(path, fmt):
    return subprocess.check_output(["identify", "-format", fmt, path + "[0]"]).decode().split()
kids = []
pages_id_slot = None
pending = []
for p in pages:
    w, h = (int(v) for v in ident(p, "%w %h"))
    if p.endswith(".jpg"):
        data = open(p, "rb").read()
        img = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(data)) + data + b"\nendstream"
    else:
        with tempfile.TemporaryDirectory() as t:
            g4 = os.path.join(t, "p.g4")
            subprocess.check_call(["convert", p, "-threshold", "50%", "-monochrome", "GROUP4:" + g4])
            data = open(g4, "rb").read()
        img = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 false >> /Length %d >>\nstream\n" % (w, h, w, h, len(data)) + data + b"\nendstream"
    pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
    pending.append((img, pw, ph))
pages_id = add(b"")  # placeholder, filled below
for img, pw, ph in pending:
    img_id = add(img)
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
    c_id = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, pw, ph, img_id, c_id)))
objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
root = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(body))
    body += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(body)
body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets: body += b"%010d 00000 n \n" % off
body += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root, xref)
open(out, "wb").write(body)
PY
}

page $OUT/ocr-a.txt 300 "$TMP/a300.png"
page $OUT/ocr-b.txt 300 "$TMP/b300.png"
page $OUT/ocr-a.txt 200 "$TMP/a200.png"
page $OUT/ocr-b.txt 200 "$TMP/b200.png"

pdf $OUT/ocr-a.300dpi.pdf 300 "$TMP/a300.png"
pdf $OUT/ocr-b.200dpi.pdf 200 "$TMP/b200.png"

# Turned and noisy: a scan fed in slightly askew, with speckles (seeded, so the file is reproducible).
convert "$TMP/a300.png" -background white -rotate 1.2 -seed 16 -attenuate 0.15 +noise Impulse \
  -gravity center -extent 2480x3508 -density 300 -units PixelsPerInch -strip "$TMP/a300-noisy.png"
pdf $OUT/ocr-a.rotated-noisy.pdf 300 "$TMP/a300-noisy.png"

# "Photographed": perspective, light falling off to one side, a little blur and sensor noise, JPEG.
convert "$TMP/b300.png" -resize 70% -virtual-pixel white \
  -distort Perspective '0,0 40,25  1735,0 1700,0  0,2455 0,2455  1735,2455 1735,2430' \
  \( +clone -sparse-color Barycentric '0,0 gray(92%) %[fx:w],%[fx:h] gray(68%)' \) -compose Multiply -composite \
  -blur 0x0.8 -seed 16 -attenuate 0.2 +noise Gaussian -colorspace Gray \
  -density 210 -units PixelsPerInch -strip -quality 45 $OUT/ocr-b.photo.jpg

# Multi-page TIFF, CCITT G4, 200 dpi.
convert "$TMP/a200.png" "$TMP/b200.png" -threshold 50% -monochrome -density 200 -units PixelsPerInch -compress Group4 -strip $OUT/ocr-ab.tif

# A PNG of the first paragraphs (greyscale, 300 dpi).
convert "$TMP/b300.png" -crop 2480x900+0+0 +repage -density 300 -units PixelsPerInch -strip $OUT/ocr-b.lines.png

# Mixed: the first part of ocr-a as a text PDF page, the rest as a scanned page.
split=$(grep -n '^二、' $OUT/ocr-a.txt | head -1 | cut -d: -f1)
head -n $(( split - 1 )) $OUT/ocr-a.txt > "$TMP/mixed1.txt"
tail -n +$split $OUT/ocr-a.txt > "$TMP/mixed2.txt"
soffice --headless -env:UserInstallation=file://$TMP/lo --convert-to pdf --outdir "$TMP" "$TMP/mixed1.txt" >/dev/null 2>&1
page "$TMP/mixed2.txt" 300 "$TMP/m2.png"
pdf "$TMP/mixed2.pdf" 300 "$TMP/m2.png"
pdfunite "$TMP/mixed1.pdf" "$TMP/mixed2.pdf" $OUT/ocr-mixed.pdf
ls -l $OUT
