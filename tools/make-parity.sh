#!/usr/bin/env bash
# Regenerates the jieba parity expectations under tests/ReportMiner.Segmentation.Tests/
# with python jieba 0.42.1 (Debian python3-jieba): token files for every corpus file and
# tricky-lines.txt in four modes (tools/jieba_ref.py --format json), and the user-dictionary
# expectations (UserDict/make_expected.py). Skips, saying so, where python3-jieba is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import jieba' 2>/dev/null && ! dpkg -L python3-jieba >/dev/null 2>&1; then
  echo "parity: python3-jieba is not installed (apt-get install -y python3-jieba); expectations NOT regenerated, the committed ones stay."
  exit 0
fi
tests=tests/ReportMiner.Segmentation.Tests
final=$tests/Parity/expected
out=$final.tmp
rm -rf "$out"
mkdir -p "$out/corpus/web"
jobs=()
for f in corpus/*.txt corpus/web/*.txt $tests/Parity/tricky-lines.txt; do
  case "$f" in
    corpus/*) base="$out/${f%.txt}" ;;
    *) base="$out/$(basename "${f%.txt}")" ;;
  esac
  jobs+=("$f $base.accurate.jsonl" "$f $base.nohmm.jsonl --no-hmm" "$f $base.search.jsonl --search" "$f $base.searchnohmm.jsonl --search --no-hmm")
done
printf '%s\n' "${jobs[@]}" | xargs -P 2 -L 1 sh -c 'in=$0; o=$1; shift; python3 tools/jieba_ref.py --format json "$@" "$in" > "$o"'
rm -rf "$final"
mv "$out" "$final"
echo "parity: wrote $(ls -R "$final" | grep -c jsonl) expectation files under $final"
python3 $tests/UserDict/make_expected.py
