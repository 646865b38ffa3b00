#!/usr/bin/env bash
# Runs a command and prints the peak of the summed resident memory of it and all its
# descendants (worker processes included), sampled every 0.1 s from /proc, as
# "peak-tree-rss-mb N" on stderr. GNU time's %M gives the largest single process only.
# Usage: tools/peak-rss.sh COMMAND [ARGS...]
set -uo pipefail
"$@" &
root=$!
peak=0
tree() { local p=$1; echo "$p"; for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree "$c"; done; }
while kill -0 "$root" 2>/dev/null; do
  sum=0
  for p in $(tree "$root"); do
    kb=$(awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null || true)
    sum=$(( sum + ${kb:-0} ))
  done
  [ "$sum" -gt "$peak" ] && peak=$sum
  sleep 0.1
done
wait "$root"; status=$?
echo "peak-tree-rss-mb $(( peak / 1024 ))" >&2
exit "$status"
