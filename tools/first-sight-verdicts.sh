#!/usr/bin/env bash
# Writes models/training/first-sight-verdicts.jsonl: the mentions the rules of main e4c96f9 gave the
# open reports of issue 14 (w041-w105 outside corpus/gold/sealed.keys) before anyone had read them
# (the "first sight" of README, Measured). Training uses them as those documents' rule verdicts
# (reportminer train/cv --verdicts), because today's rules were written on these texts and are
# right on them far more often than on a report nobody has read. Needs git history and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
rules=e4c96f9
out=models/training/first-sight-verdicts.jsonl
work=$(mktemp -d "${TMPDIR:-/tmp}/first-sight.XXXXXX")
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/src" "$rules" >/dev/null
dotnet build "$work/src/src/ReportMiner.Cli/ReportMiner.Cli.csproj" -c Release --nologo -v quiet >/dev/null
mkdir -p "$work/in"
for n in $(seq 41 105); do
  key=$(printf 'w%03d' "$n")
  grep -qx "$key" corpus/gold/sealed.keys && continue
  cp "corpus/web/$key.txt" "$work/in/"
done
dotnet "$work/src/src/ReportMiner.Cli/bin/Release/net10.0/reportminer.dll" run --input "$work/in" --out "$work/out" --quiet >/dev/null
python3 - "$work/out/counties" "$rules" > "$out.tmp" <<'PY'
import glob, json, sys
rows = []
for path in glob.glob(sys.argv[1] + "/*.json"):
    for m in json.load(open(path, encoding="utf-8"))["indicators"]:
        rows.append({"document": m["document"], "indicator": m["indicator"], "status": m["status"], "value": m["value"],
                     "raw": m["raw"], "span": m["span"], "rules": sys.argv[2]})
rows.sort(key=lambda r: (r["document"], r["span"][0], r["indicator"]))
for r in rows:
    print(json.dumps(r, ensure_ascii=False, sort_keys=True))
PY
mv "$out.tmp" "$out"
echo "wrote $out ($(wc -l < "$out") verdicts of $(ls "$work/in" | wc -l) documents, rules of $rules)"
