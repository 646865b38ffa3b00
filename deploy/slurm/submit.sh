#!/usr/bin/env bash
# Submits a ReportMiner batch as a Slurm array job of N shards and a merge job that starts when
# every shard has succeeded. Prints the two job ids ("ARRAY_ID MERGE_ID").
#   deploy/slurm/submit.sh INPUT OUT N [CPUS_PER_SHARD] [-- extra sbatch options]
# Environment: RM_BIN (default: reportminer), RM_CONFIG (default: the shipped pipeline.yaml).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 3 ]; then
  echo "usage: $0 INPUT OUT N [CPUS_PER_SHARD] [-- sbatch options...]" >&2
  exit 2
fi
input=$(realpath "$1"); out=$(realpath -m "$2"); n=$3; cpus=${4:-2}
shift $(( $# >= 4 ? 4 : 3 ))
[ "${1:-}" = "--" ] && shift
case "$n" in ''|*[!0-9]*|0) echo "N must be a positive number (got '$n')" >&2; exit 2;; esac
mkdir -p "$out/logs"
export RM_INPUT="$input" RM_OUT="$out" RM_SHARDS="$n"
array=$(sbatch --parsable --array="1-$n" --cpus-per-task="$cpus" --export=ALL \
  --output="$out/logs/shard-%A_%a.log" "$@" "$here/reportminer-shard.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --cpus-per-task="$cpus" --export=ALL \
  --output="$out/logs/merge-%j.log" "$@" "$here/reportminer-merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
