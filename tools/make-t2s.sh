#!/usr/bin/env bash
# Regenerates models/t2s/ts-characters.tsv (traditional → simplified, one BMP character to one)
# from OpenCC's TSCharacters dictionary as shipped in the npm package opencc-js.
# Needs node/npm; only for regenerating data — the committed file is what runs.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack opencc-js@1.4.2 >/dev/null && tar xzf opencc-js-1.4.2.tgz)
node -e '
const fs = require("fs");
const src = fs.readFileSync(process.argv[1], "utf8");
const body = src.slice(src.indexOf("\"") + 1, src.lastIndexOf("\""));
const out = ["# traditional<TAB>simplified, from OpenCC TSCharacters (opencc-js 1.4.2, Apache-2.0); BMP 1:1 only"];
for (const entry of body.split("|")) {
  const [t, s] = entry.split(" ");
  if (!t || !s || t.length !== 1 || s.length !== 1 || t === s) continue;
  out.push(t + "\t" + s);
}
fs.writeFileSync("models/t2s/ts-characters.tsv", out.join("\n") + "\n");
console.log("wrote", out.length - 1, "mappings");
' "$tmp/package/dist/esm-lib/dict/TSCharacters.js"
cp "$tmp/package/LICENSES/Apache-2.0.txt" models/t2s/LICENSE-OpenCC.txt
