#!/usr/bin/env bash
# Builds a long text PDF (a "compilation" of county reports) for the PDF ingestion benchmark:
# the corpus's txt reports outside the sealed split (corpus/gold/sealed.keys) are rendered to PDF
# once with LibreOffice (soffice --convert-to pdf, the txt import filter; cached next to the
# output), then those PDFs and the Chromium format fixtures (running header and footer, CID and
# Type 3 fonts) are concatenated in a fixed order with poppler's pdfunite until adding the next one
# would exceed PAGES pages. Nothing it writes is committed: the default folder .cache/long-pdf/
# is ignored by git.
# Usage: tools/make-long-pdf.sh PAGES [OUT.pdf]   (default OUT: .cache/long-pdf/long-PAGES.pdf)
# Prints the output path and its page count. Exit 3 when soffice, pdfunite or pdfinfo is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:?usage: tools/make-long-pdf.sh PAGES [OUT.pdf]}
out=${2:-.cache/long-pdf/long-$pages.pdf}
for tool in pdfunite pdfinfo; do
  command -v "$tool" >/dev/null || { echo "make-long-pdf: '$tool' not found (Debian: apt-get install poppler-utils)" >&2; exit 3; }
done
soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || { echo "make-long-pdf: 'soffice' not found (Debian: apt-get install libreoffice-writer-nogui)" >&2; exit 3; }
if [ -s "$out" ]; then echo "$out $(pdfinfo "$out" | awk '/^Pages:/ { print $2 }')"; exit 0; fi

cache=.cache/long-pdf/reports
mkdir -p "$cache" "$(dirname "$out")"
# The reports outside the sealed split, in name order.
mapfile -t txts < <(find corpus -maxdepth 2 -name '*.txt' -not -path '*/gold/*' | sort \
  | grep -v -F -f <(grep -v '^#' corpus/gold/sealed.keys | sed -e 's|^|/|' -e 's|$|.txt|'))
todo=()
for t in "${txts[@]}"; do
  pdf="$cache/$(echo "$t" | tr '/' '_' | sed 's/\.txt$//').pdf"
  [ -s "$pdf" ] || todo+=("$t")
done
if [ ${#todo[@]} -gt 0 ]; then
  profile=$(mktemp -d); trap 'rm -rf "$profile"' EXIT
  conv=$(mktemp -d -p .cache/long-pdf)
  for t in "${todo[@]}"; do cp "$t" "$conv/$(echo "$t" | tr '/' '_')"; done
  echo "make-long-pdf: rendering ${#todo[@]} txt reports with LibreOffice" >&2
  "$soffice" --headless --norestore "-env:UserInstallation=file://$profile" \
    --infilter="Text (encoded):UTF8,LF,,," --convert-to pdf --outdir "$cache" "$conv"/*.txt >/dev/null 2>&1
  rm -rf "$conv"
fi

# The parts, in a fixed order: the rendered reports, each followed now and then by a Chromium fixture.
mapfile -t rendered < <(find "$cache" -name '*.pdf' | sort)
[ ${#rendered[@]} -gt 0 ] || { echo "make-long-pdf: LibreOffice rendered nothing" >&2; exit 1; }
chromium=(tests/fixtures/formats/000_971f75f910563c26.chromium.pdf tests/fixtures/formats/001_87709b1c34e14cd9.chromium.pdf)
parts=()
for i in "${!rendered[@]}"; do
  parts+=("${rendered[$i]}")
  (( i % 8 == 7 )) && parts+=("${chromium[$(( (i / 8) % 2 ))]}")
done
declare -A count
for p in "${parts[@]}"; do count[$p]=$(pdfinfo "$p" | awk '/^Pages:/ { print $2 }'); done

list=(); total=0; k=0
while :; do
  p=${parts[$(( k % ${#parts[@]} ))]}
  (( total + count[$p] > pages )) && break
  list+=("$p"); total=$(( total + count[$p] )); k=$(( k + 1 ))
done
[ ${#list[@]} -gt 0 ] || { echo "make-long-pdf: PAGES must be at least ${count[${parts[0]}]}" >&2; exit 2; }
# pdfunite in batches of 200 inputs, then the batches together.
tmp=$(mktemp -d -p "$(dirname "$out")"); trap 'rm -rf "$tmp" ${profile:-}' EXIT
batches=()
for ((b = 0; b < ${#list[@]}; b += 200)); do
  batch="$tmp/b$(printf '%04d' $((b / 200))).pdf"
  chunk=("${list[@]:b:200}")
  if [ ${#chunk[@]} -eq 1 ]; then cp "${chunk[0]}" "$batch"; else pdfunite "${chunk[@]}" "$batch"; fi
  batches+=("$batch")
done
if [ ${#batches[@]} -eq 1 ]; then mv "${batches[0]}" "$out.tmp"; else pdfunite "${batches[@]}" "$out.tmp"; fi
mv "$out.tmp" "$out"
echo "$out $(pdfinfo "$out" | awk '/^Pages:/ { print $2 }')"
