#!/usr/bin/env bash
# End-to-end throughput of `reportminer run`: copies the corpus's txt reports under new names
# into a temp folder until it holds at least BENCH_MB (default 20) MB, then mines it with
# --jobs 1 and --jobs 2 (no cache: --force into fresh folders) and prints MB/s and peak RSS.
# Usage: tools/bench-run.sh [path/to/reportminer]   (make bench-run builds it first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bin/reportminer}
target_mb=${BENCH_MB:-20}
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak memory)" >&2
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mapfile -t sources < <(find corpus -name '*.txt' -not -path '*/gold/*' | sort)
mkdir -p "$tmp/seed"
for f in "${sources[@]}"; do cp "$f" "$tmp/seed/$(echo "$f" | tr '/' '_')"; done
seed_bytes=$(find "$tmp/seed" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
copies=$(( (target_mb * 1024 * 1024 + seed_bytes - 1) / seed_bytes ))
mkdir -p "$tmp/in"
for copy in $(seq 1 "$copies"); do cp -r "$tmp/seed" "$tmp/in/$(printf 'c%04d' "$copy")"; done
bytes=$(find "$tmp/in" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
copy=$copies
files=$(find "$tmp/in" -type f | wc -l)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "bench-run: $files files, $mb MB of txt reports ($copy copies of ${#sources[@]} corpus files); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for jobs in 1 2; do
  out="$tmp/out$jobs"
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$tmp/rss$jobs" "$bin" run --input "$tmp/in" --out "$out" --jobs "$jobs" --force --quiet >"$tmp/log$jobs" 2>&1 \
    || { cat "$tmp/log$jobs"; exit 1; }
  end=$(date +%s.%N)
  awk -v b="$bytes" -v s="$start" -v e="$end" -v j="$jobs" -v rss="$(cat "$tmp/rss$jobs")" \
    'BEGIN { t = e - s; printf "--jobs %d: %.2f s, %.2f MB/s, peak RSS %.0f MB\n", j, t, b / 1048576 / t, rss / 1024 }'
  tail -1 "$tmp/log$jobs" | sed 's/^/  /'
done
start=$(date +%s.%N)
"$bin" run --input "$tmp/in" --out "$tmp/out1" --quiet >"$tmp/log3" 2>&1 || { cat "$tmp/log3"; exit 1; }
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "re-run with nothing changed (cache): %.2f s\n", e - s }'
tail -1 "$tmp/log3" | sed 's/^/  /'
cmp -s <(cd "$tmp/out1" && find . -path ./.cache -prune -o -type f -print0 | sort -z | xargs -0 sha256sum) \
       <(cd "$tmp/out2" && find . -path ./.cache -prune -o -type f -print0 | sort -z | xargs -0 sha256sum) \
  && echo "outputs of --jobs 1 and --jobs 2 are byte-identical" || { echo "outputs differ between --jobs 1 and --jobs 2"; exit 1; }
