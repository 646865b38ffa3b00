#!/usr/bin/env bash
# make fuzz: runs each SharpFuzz/AFL++ target for FUZZ_SECONDS (default 60) and reports executions,
# execs/s, time, crashes and hangs per target. Crash and hang inputs are copied to
# tests/fuzz-findings/<target>/, where the regression tests replay them. Not part of `make test`/CI.
#
#   FUZZ_SECONDS=600 FUZZ_TARGETS="pdf docx" make fuzz
#
# Needs: afl++ (installed with apt-get if missing), the sharpfuzz dotnet tool (installed into .tools/).
set -euo pipefail

# All in one function, so bash has read the whole script before it runs (editing it mid-run is safe).
main() {
cd "$(dirname "$0")/.."
root=$(pwd)

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-"txt numbers normalise pdf pdf-graph docx docx-xml"}
SHARPFUZZ_VERSION=2.3.0
work=$root/.cache/fuzz
publish=$work/publish

log() { printf '[fuzz] %s\n' "$*" >&2; }

# --- tools --------------------------------------------------------------------------------------
if ! command -v afl-fuzz >/dev/null 2>&1; then
  log "installing afl++ (apt-get)"
  apt_install() { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null; }
  apt_install || { log "apt-get failed, retrying once"; sleep 5; apt_install; }
fi
if [ ! -x .tools/sharpfuzz ]; then
  log "installing the sharpfuzz tool $SHARPFUZZ_VERSION into .tools/"
  dotnet tool install SharpFuzz.CommandLine --version "$SHARPFUZZ_VERSION" --tool-path .tools/ >/dev/null
fi

# --- build and instrument -----------------------------------------------------------------------
log "publishing fuzz/ReportMiner.Fuzz"
rm -rf "$publish"
dotnet publish fuzz/ReportMiner.Fuzz/ReportMiner.Fuzz.csproj -c Release -o "$publish" --nologo -v quiet -p:UseAppHost=true >/dev/null
# Coverage feedback comes from these assemblies: ours, the charset detector the txt decoder calls,
# and the PDF/DOCX libraries when the readers are present. The framework itself is not instrumented.
for dll in ReportMiner.Core.dll UtfUnknown.dll \
           UglyToad.PdfPig.dll UglyToad.PdfPig.Core.dll UglyToad.PdfPig.Tokenization.dll UglyToad.PdfPig.Tokens.dll \
           UglyToad.PdfPig.Fonts.dll UglyToad.PdfPig.DocumentLayoutAnalysis.dll \
           DocumentFormat.OpenXml.Framework.dll DocumentFormat.OpenXml.dll System.IO.Packaging.dll; do
  if [ -f "$publish/$dll" ]; then
    .tools/sharpfuzz "$publish/$dll" >/dev/null
    log "instrumented $dll"
  fi
done

# --- run ----------------------------------------------------------------------------------------
export AFL_SKIP_BIN_CHECK=1            # the target is a .NET apphost, not an afl-instrumented binary
export AFL_SKIP_CPUFREQ=1
export AFL_NO_UI=1
export AFL_NO_AFFINITY=1               # shared 2-core machine: do not insist on a free core
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1   # core_pattern is not ours to change in a container
export AFL_FORKSRV_INIT_TMOUT=60000    # .NET start-up and JIT before the first input
export REPORTMINER_CONFIG=$root/pipeline.yaml
export DOTNET_TieredPGO=0

timeout_ms() { case "$1" in pdf|pdf-graph|docx|docx-xml) echo 10000 ;; *) echo 5000 ;; esac; }
dict_for() { case "$1" in pdf|pdf-graph) echo fuzz/dict/pdf.dict ;; docx|docx-xml) echo fuzz/dict/docx.dict ;; *) echo fuzz/dict/text.dict ;; esac; }
stat_of() { sed -n "s/^$2 *: *//p" "$1" | head -1; }

summary=()
status=0
for target in $FUZZ_TARGETS; do
  seeds=fuzz/seeds/$target
  [ -d "$seeds" ] || { log "no seeds in $seeds"; status=1; continue; }
  out=$work/out-$target
  rm -rf "$out"
  dict=$(dict_for "$target")
  log "fuzzing '$target' for ${FUZZ_SECONDS}s (seeds: $(ls "$seeds" | wc -l), dictionary: $dict)"
  started=$(date +%s)
  set +e
  afl-fuzz -i "$seeds" -o "$out" -m none -t "$(timeout_ms "$target")" -V "$FUZZ_SECONDS" -x "$dict" \
    -- "$publish/ReportMiner.Fuzz" "$target" >"$work/afl-$target.log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - started ))
  stats=$out/default/fuzzer_stats
  if [ ! -f "$stats" ]; then
    log "afl-fuzz did not start for '$target' (exit $rc); last lines of $work/afl-$target.log:"
    tail -20 "$work/afl-$target.log" >&2
    summary+=("$(printf '%-10s %12s %10s %8s %8s %6s  %s' "$target" - - "${elapsed}s" - - "afl-fuzz failed (exit $rc)")")
    status=1
    continue
  fi
  execs=$(stat_of "$stats" execs_done)
  run_time=$(stat_of "$stats" run_time)
  [ -n "$run_time" ] || run_time=$(( $(stat_of "$stats" last_update) - $(stat_of "$stats" start_time) ))
  rate=$(awk -v e="$execs" -v t="$run_time" 'BEGIN { printf "%.1f", (t > 0 ? e / t : 0) }')
  crashes=$(stat_of "$stats" saved_crashes); [ -n "$crashes" ] || crashes=$(stat_of "$stats" unique_crashes)
  hangs=$(stat_of "$stats" saved_hangs); [ -n "$hangs" ] || hangs=$(stat_of "$stats" unique_hangs)
  paths=$(stat_of "$stats" corpus_count); [ -n "$paths" ] || paths=$(stat_of "$stats" paths_total)
  edges=$(stat_of "$stats" edges_found)

  # Crash and hang inputs become regression inputs, named by content.
  found=0
  for kind in crashes hangs; do
    for f in "$out"/default/$kind/id:*; do
      [ -f "$f" ] || continue
      # An input that kills the process (a stack overflow: PdfPig following a reference cycle) cannot be
      # replayed inside the test host; such crashes of pdf-graph go to a folder the replay skips.
      dest=tests/fuzz-findings/$target
      if [ "$target" = pdf-graph ] && [ "$kind" = crashes ] && ! "$publish/ReportMiner.Fuzz" "$target" --replay "$f" >/dev/null 2>&1 \
         && [ "$("$publish/ReportMiner.Fuzz" "$target" --replay "$f" 2>&1 | grep -c 'Stack overflow')" -gt 0 ]; then
        dest=tests/fuzz-findings/pdf-graph-process-crash
      fi
      mkdir -p "$dest"
      name=${kind%es}; name=${name%s}-$(sha256sum "$f" | cut -c1-16)
      cp "$f" "$dest/$name"
      found=$((found + 1))
    done
  done
  [ "$found" -eq 0 ] || log "copied $found input(s) to tests/fuzz-findings/$target/"
  [ "$crashes" = 0 ] && [ "$hangs" = 0 ] || status=1
  if [ "${execs:-0}" = 0 ]; then
    log "'$target' ran no input (afl-fuzz exit $rc); see $work/afl-$target.log"
    status=1
  fi
  summary+=("$(printf '%-10s %12s %10s %8s %8s %6s  corpus %s, edges %s' "$target" "$execs" "$rate" "${run_time}s" "$crashes" "$hangs" "$paths" "$edges")")
  printf '%s %s execs=%s run_time=%s crashes=%s hangs=%s corpus=%s edges=%s\n' "$(date -u +%FT%TZ)" "$target" "$execs" "$run_time" \
    "$crashes" "$hangs" "$paths" "$edges" >>"$work/runs.log"
done

echo
printf '%-10s %12s %10s %8s %8s %6s\n' target executions execs/s time crashes hangs
for line in "${summary[@]}"; do echo "$line"; done
echo "(every run is appended to .cache/fuzz/runs.log; afl-fuzz output in .cache/fuzz/afl-<target>.log)"
exit $status
}

main "$@"
