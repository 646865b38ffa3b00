#!/usr/bin/env python3
"""Writes the input of `make bench-run`: distinct reports, as an archive holds them.

Usage: tools/bench-input.py SEED_DIR OUT_DIR TARGET_MB

SEED_DIR holds the corpus's txt reports (bench-run.sh copies them there). OUT_DIR receives
copies c0001/, c0002/, ... until it holds at least TARGET_MB MB. Copy 1 is the corpus as it
is; every later copy is made unique the same way each time (no randomness, no clock):
- each county-level name of the gazetteer (models/gazetteer/gb2260.tsv) written out in full
  becomes another county's, and its short form before an office word (科技局, 人民政府, ...)
  becomes that county's short form, so the copy lands in another county file;
- years (1990-2030) move forward by (copy - 1) mod 5, the same shift for the whole file;
- every other figure of three or more digits, with decimals, or followed by a counter or
  unit (家, 项, 人, 万, 元, %, ...), grows by copy - 1 units of
  its last place (4.61 -> 4.62 in copy 2).
The files keep their encoding (the corpus is UTF-8); a file that is not UTF-8 is copied as it is.
"""
import os
import re
import sys

SUFFIXES = ("自治县", "自治旗", "县", "区", "市", "旗")
OFFICE = "科技局|科学技术局|经科局|人民政府|政府|科协"
# Names that are also ordinary words, as the resolver lists them (never used as a target).
COMMON = set("城区 矿区 郊区 新区 新城区 老城区 城中区 城东区 城西区 城北区 市中区 东区 西区 南区 北区 中区 高新区 开发区 "
             "和县 代县 青县 文县 礼县 容县 叶县 单县 城县 全州县".split())


# A one- or two-digit figure followed by one of these is a count or an amount, not part of a date.
COUNTED = re.compile("[家项件人名个亿万元%]")


def short_form(name):
    for s in SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return None


def load_counties(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "county":
                names.append(parts[2])
    counts = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    sources = sorted({n for n in names if len(n) >= 3 and n not in COMMON})
    # Targets: names that name one division only, end in a plain suffix and have a short form.
    targets = sorted(n for n in sources if counts[n] == 1 and short_form(n) and n.endswith(("县", "区", "市", "旗")))
    return sources, targets


def main():
    seed_dir, out_dir, target_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sources, targets = load_counties(os.path.join(root, "models", "gazetteer", "gb2260.tsv"))
    index = {n: i for i, n in enumerate(sources)}
    source_set = set(sources)
    lengths = sorted({len(n) for n in sources}, reverse=True)

    def names_in(text):
        found, i = set(), 0
        while i < len(text):
            hit = next((text[i:i + k] for k in lengths if text[i:i + k] in source_set), None)
            if hit:
                found.add(hit)
                i += len(hit)
            else:
                i += 1
        return sorted(found)

    def alternation(names):
        return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    number_re = re.compile(r"\d+(?:\.\d+)?")

    seeds = []
    for name in sorted(os.listdir(seed_dir)):
        with open(os.path.join(seed_dir, name), "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        found = names_in(text) if text is not None else []
        seeds.append((name, data, text, found, re.compile(alternation(found)) if found else None))
    seed_bytes = sum(len(seed[1]) for seed in seeds)
    copies = -(-target_mb * 1024 * 1024 // seed_bytes)

    def vary_number(match, copy):
        s = match.group(0)
        if "." not in s and len(s) == 4 and 1990 <= int(s) <= 2030:
            return str(int(s) + (copy - 1) % 5)
        if "." not in s and len(s) < 3 and not COUNTED.match(match.string, match.end()):
            return s
        # Add copy - 1 units of the last place, keeping the number of decimals.
        whole, _, frac = s.partition(".")
        moved = str(int(whole + frac) + copy - 1).rjust(len(whole + frac), "0")
        return moved[: len(moved) - len(frac)] + ("." + moved[len(moved) - len(frac):] if frac else "")

    for copy in range(1, copies + 1):
        folder = os.path.join(out_dir, "c%04d" % copy)
        os.makedirs(folder)
        for name, data, text, found, name_re in seeds:
            if copy > 1 and text is not None:
                mapping = {n: targets[(index[n] + copy * 613) % len(targets)] for n in found}
                shorts = {short_form(n): short_form(t) for n, t in mapping.items() if short_form(n)}
                text2 = name_re.sub(lambda m: mapping[m.group(0)], text) if name_re else text
                if shorts:
                    short_re = re.compile("(" + alternation(shorts) + ")(?=" + OFFICE + ")")
                    text2 = short_re.sub(lambda m: shorts[m.group(1)], text2)
                text2 = number_re.sub(lambda m: vary_number(m, copy), text2)
                out = text2.encode("utf-8")
            else:
                out = data
            with open(os.path.join(folder, name), "wb") as f:
                f.write(out)
    print(copies)


if __name__ == "__main__":
    main()
