#!/usr/bin/env bash
# make test-slurm: a throwaway one-node Slurm cluster on localhost (Debian's slurmctld/slurmd/munge),
# the array job of deploy/slurm over the corpus repeated to >= 2,000 files with N = 4 shards and the
# merge job chained after it, compared byte for byte with a single `run` over the same input.
# Everything (slurm.conf, munge key and socket, state, spool, logs) lives in a temporary folder;
# the daemons this script starts are stopped by their pids on any exit. Skipped (exit 0) where
# Slurm is not installed. Ends with 'slurm tests: N passed, N failed[, N skipped]'.
# RM_SLURM_BENCH=1 also times the whole job (submit to merged) with 1 shard x 2 CPUs and 2 shards x 1 CPU;
# RM_BIN=bin/reportminer uses that build instead of building the CLI; RM_SLURM_COPIES sets the input size.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
SHARDS=${RM_SLURM_SHARDS:-4}
COPIES=${RM_SLURM_COPIES:-45}
WAIT_SECONDS=${RM_SLURM_WAIT:-240}

missing=()
for tool in slurmctld slurmd sbatch squeue sinfo scontrol munged mungekey; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "slurm test: skipped: Slurm is not installed (missing: ${missing[*]}); apt-get install slurmctld slurmd slurm-client munge"
  echo "slurm tests: 0 passed, 0 failed, 1 skipped"
  exit 0
fi
export PATH="$PATH:/usr/sbin"
started=$(date +%s)

work=$(mktemp -d "${TMPDIR:-/tmp}/rm-slurm.XXXXXX")
chmod 700 "$work"
pids=()
ok=0
cleanup() {
  local rc=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scancel --quiet --user="$(id -un)" >/dev/null 2>&1 || true
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "$ok" -ne 1 ]; then
    for log in "$work"/log/*.log; do [ -f "$log" ] && { echo "--- $log (last 15 lines)"; tail -n 15 "$log"; }; done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "slurm test: FAILED: $*"
  echo "slurm tests: 0 passed, 1 failed"
  exit 1
}

# A TCP port on localhost that nothing listens on (random, checked by trying to connect).
free_port() {
  local port
  while :; do
    port=$(shuf -i 20000-60999 -n 1)
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

if [ -n "${RM_BIN:-}" ]; then
  echo "slurm test: using RM_BIN=$RM_BIN"
else
  echo "slurm test: building the CLI"
  dotnet build "$root/src/ReportMiner.Cli/ReportMiner.Cli.csproj" -c Release --nologo -v quiet >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; fail "build"; }
  dll="$root/src/ReportMiner.Cli/bin/Release/net10.0/reportminer.dll"
  [ -f "$dll" ] || fail "no $dll after the build"
  RM_BIN="$(command -v dotnet) $dll"
fi
export RM_BIN

# --- input: the corpus's reports, COPIES times, each copy in its own folder (different relative paths)
input="$work/input"
mkdir -p "$input"
for ((c = 1; c <= COPIES; c++)); do
  dir=$(printf '%s/copy-%03d' "$input" "$c")
  mkdir -p "$dir/web"
  cp "$root"/corpus/*.txt "$dir/"
  cp "$root"/corpus/web/*.txt "$dir/web/"
done
files=$(find "$input" -type f | wc -l)
bytes=$(du -sb "$input" | cut -f1)
echo "slurm test: input $files files, $bytes bytes"
[ "$files" -ge 2000 ] || fail "input has $files files, fewer than 2,000"

# --- munge: its own key, socket, pid and log files
mkdir -p "$work/munge" "$work/log" "$work/state" "$work/spool"
chmod 700 "$work/munge"
mungekey --create --keyfile="$work/munge/munge.key" >/dev/null 2>&1 || fail "mungekey"
chmod 600 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.sock" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" --seed-file="$work/munge/seed" \
  >"$work/log/munged.out.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/munge/munge.sock" ] && break; sleep 0.1; done
[ -S "$work/munge/munge.sock" ] || fail "munged did not start"

# --- slurm.conf: one node (this machine, as 'localhost'), ports picked free, everything under $work
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
ctld_port=$(free_port); d_port=$(free_port)
while [ "$d_port" = "$ctld_port" ]; do d_port=$(free_port); done
export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=rmtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
DependencyParameters=kill_invalid_depend
ReturnToService=2
MpiDefault=none
MinJobAge=600
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=rmtest Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -i -f "$SLURM_CONF" >"$work/log/slurmctld.out.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N localhost >"$work/log/slurmd.out.log" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 120); do
  state=$(sinfo -h -n localhost -o '%T' 2>/dev/null | head -n 1)
  [ "$state" = "idle" ] && break
  sleep 0.5
done
[ "$state" = "idle" ] || fail "the node did not come up (state '$state')"
echo "slurm test: cluster up (slurmctld :$ctld_port, slurmd :$d_port, $cpus CPUs) after $(( $(date +%s) - started )) s"

# Waits for a job to leave the queue; prints its final state.
wait_job() {
  local job=$1 deadline=$(( $(date +%s) + WAIT_SECONDS ))
  while squeue -h -j "$job" 2>/dev/null | grep -q .; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "TIMEOUT"; return; }
    sleep 1
  done
  scontrol show job "$job" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort -u | cut -d= -f2 | tr '\n' ' '
}

# Submits INPUT with N shards of CPUS each and waits for the merge; sets $seconds to the time it took.
submit_and_wait() {
  local out=$1 n=$2 cpus=$3 t0 ids array merge
  t0=$(date +%s.%N)
  ids=$("$root/deploy/slurm/submit.sh" "$input" "$out" "$n" "$cpus") || fail "submit"
  read -r array merge <<<"$ids"
  local array_state merge_state
  array_state=$(wait_job "$array")
  merge_state=$(wait_job "$merge")
  local t1; t1=$(date +%s.%N)
  if [ "$array_state" != "COMPLETED " ] || [ "$merge_state" != "COMPLETED " ]; then
    for log in "$out"/logs/*.log; do echo "--- $log"; tail -n 5 "$log"; done
    fail "array job $array: ${array_state:-?}; merge job $merge: ${merge_state:-?}"
  fi
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
  timeline="array $(job_span "$array"), merge $(job_span "$merge")"
}

# 'started +A s, ran B s' of a job (all its array tasks), from slurmctld's records (1 s resolution), against $t0.
job_span() {
  local record first="" last="" t
  record=$(scontrol show job "$1" 2>/dev/null)
  for t in $(grep -o 'StartTime=[0-9T:-]*' <<<"$record" | cut -d= -f2); do
    t=$(date -d "$t" +%s); { [ -z "$first" ] || [ "$t" -lt "$first" ]; } && first=$t
  done
  for t in $(grep -o 'EndTime=[0-9T:-]*' <<<"$record" | cut -d= -f2); do
    t=$(date -d "$t" +%s); { [ -z "$last" ] || [ "$t" -gt "$last" ]; } && last=$t
  done
  if [ -n "$first" ] && [ -n "$last" ]; then
    awk -v a="$t0" -v f="$first" -v l="$last" 'BEGIN {printf "started +%.0f s, ran %d s", f - a, l - f}'
  else
    echo "?"
  fi
}

echo "slurm test: submitting $SHARDS shards and the merge"
submit_and_wait "$work/job" "$SHARDS" 1
echo "slurm test: array job and merge done in $seconds s ($timeline)"

# --- the reference: one run over the whole input, on this machine
single="$work/single"
$RM_BIN run --input "$input" --out "$single" --quiet --jobs "$cpus" >"$work/log/single.log" 2>&1
rc=$?
[ "$rc" -le 1 ] || { cat "$work/log/single.log"; fail "single run exited $rc"; }
if ! diff -r "$single" "$work/job/merged" >"$work/diff.txt"; then
  head -n 20 "$work/diff.txt"
  fail "the merged output differs from a single run"
fi
compared=$(find "$single" -type f | wc -l)
for ((k = 1; k <= SHARDS; k++)); do
  [ -f "$work/job/shards/$k-of-$SHARDS/shard.json" ] || fail "no shard.json in shard $k"
done
echo "slurm test: merged output of $SHARDS shards = single run, byte for byte ($compared files: county files, errors.jsonl, tables, cache log)"

if [ "${RM_SLURM_BENCH:-0}" = "1" ]; then
  mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
  for setting in "1 $cpus" "2 1"; do
    read -r n c <<<"$setting"
    for rep in 1 2 3; do
      submit_and_wait "$work/bench-$n-$rep" "$n" "$c"
      s=$seconds
      awk -v n="$n" -v c="$c" -v r="$rep" -v s="$s" -v f="$files" -v mb="$mb" -v tl="$timeline" \
        'BEGIN {printf "bench: %d shard(s) x %d CPU(s), run %d: %.2f s for %d files, %.1f MB: %.2f MB/s (submit to merged); %s\n", n, c, r, s, f, mb, mb / s, tl}' 
      rm -rf "$work/bench-$n-$rep"
    done
  done
fi

ok=1
echo "slurm test: passed in $(( $(date +%s) - started )) s"
echo "slurm tests: 1 passed, 0 failed"
