#!/usr/bin/env python3
"""Writes expected.json: what python jieba 0.42.1 does with user words.

Each scenario runs in a fresh python process (jieba's force-split set is module-global):
it loads user dictionaries with jieba.load_userdict and/or calls jieba.add_word, then
records jieba's total, FREQ of probe words (null when absent) and the tokens of probe
sentences in the four modes. The C# tests replay the same steps on JiebaSegmenterBuilder.
Run by `make parity` (needs Debian's python3-jieba).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
TRICKY = os.path.join(HERE, "..", "Parity", "tricky-lines.txt")

SENTENCES = [
    "科技特派员张三丰来到刘家坳村，研发投入强度达到2.5%，规上工业企业12家",
    "王小明同志和李华平、欧阳娜娜、司马相如参加了会议",
    "分号句号逗号顿号冒号问号叹号，的确如此，我们的确实在很难",
    "技术合同成交额1.2亿元，高新技术企业认定，高新技术产业增加值增长",
    "3G网络覆盖，B超检查，中国科技，双BOM词，鿖鿗鿘",
    "R&D经费和AT&T，COVID-19，x%，1.56亿元，㐀㐁和科技创新",
    "New York 10 ns a b c word 10 N 数字 12 34",
    "行\r\n中\r\n回车换行\r\n",
    "科技型中小企业评价入库158家，研发费用加计扣除减免税额1.2亿元",
    "鼀鼁鼃，科技鼀鼁鼃创新，鼀鼁鼃鼀鼁鼃",
]

SCENARIOS = [
    {"name": "default", "userdicts": [], "ops": []},
    {"name": "tricky-userdict", "userdicts": ["tests/ReportMiner.Segmentation.Tests/UserDict/tricky-userdict.txt"], "ops": []},
    {"name": "pipeline-dict", "userdicts": ["models/dict/reportminer.dict.txt"], "ops": []},
    {"name": "add-word-sequence", "userdicts": [], "ops": [
        ["研发投入强度", None, None],
        ["科技特派员", None, "n"],
        ["特派员", None, None],
        ["高新技术企业认定", 5, None],
        ["李华平", 0, None],
        ["小明同", None, None],
        ["欧阳娜娜", 0, "nr"],
        ["的确", 0, None],
        ["AT&T", None, None],
        ["R&D", None, None],
        ["x%", 1000, None],
        ["COVID-19", None, None],
        ["1.56亿元", None, None],
        ["㐀㐁", None, None],
        ["科技", 0, None],
        ["科技", None, None],
        ["科技创新", None, None],
        ["中国", 1, None],
        ["李华平", 50, None],
        ["刘家坳村", None, "ns"],
        ["刘家坳", None, None],
        ["鿖鿗", None, None],
        ["New York", None, None],
        ["  ", None, None],
        ["、", None, None],
        ["，的", None, None],
        ["😀", None, None],
        # an exact tie in the route (A+B == B+A): jieba takes the larger end index, 鼀鼁 | 鼃
        ["鼀", 7, None],
        ["鼃", 7, None],
        ["鼀鼁", 9, None],
        ["鼁鼃", 9, None],
    ]},
]

MODES = [("accurate", False, True), ("nohmm", False, False), ("search", True, True), ("searchnohmm", True, False)]


def run_scenario(sc):
    sys.path.insert(0, os.path.join(REPO, "tools"))
    import jieba_ref  # noqa: E402  (finds the Debian package like the reference does)
    import logging
    jieba = jieba_ref.import_jieba()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for path in sc["userdicts"]:
        jieba.load_userdict(os.path.join(REPO, path))
    after_ops = []
    for word, freq, tag in sc["ops"]:
        jieba.add_word(word, freq, tag)
        after_ops.append({"word": word, "freq": jieba.dt.FREQ.get(word), "total": jieba.dt.total})
    probes = set(w for w, _, _ in sc["ops"])
    for path in sc["userdicts"]:
        with open(os.path.join(REPO, path), "rb") as f:
            for ln in f:
                line = ln.strip().decode("utf-8").lstrip("\ufeff")
                if line:
                    word = jieba.re_userdict.match(line).groups()[0]
                    probes.add(word)
                    probes.add(word[:1])
                    probes.add(word[:-1])
    probes.discard("")
    sentences = list(SENTENCES)
    with open(TRICKY, encoding="utf-8") as f:
        sentences += [l for l in f.read().split("\n") if 0 < len(l) <= 400]
    cuts = []
    for s in sentences:
        for mode, search, hmm in MODES:
            toks = jieba.lcut_for_search(s, HMM=hmm) if search else jieba.lcut(s, HMM=hmm)
            cuts.append({"mode": mode, "text": s, "tokens": toks})
    return {
        "name": sc["name"], "userdicts": sc["userdicts"], "ops": sc["ops"], "afterOps": after_ops,
        "total": jieba.dt.total,
        "probes": [{"word": w, "freq": jieba.dt.FREQ.get(w)} for w in sorted(probes)],
        "cuts": cuts,
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--scenario":
        sc = next(s for s in SCENARIOS if s["name"] == sys.argv[2])
        json.dump(run_scenario(sc), sys.stdout, ensure_ascii=False)
        return
    results = []
    for sc in SCENARIOS:
        out = subprocess.run([sys.executable, __file__, "--scenario", sc["name"]], check=True,
                             capture_output=True).stdout
        results.append(json.loads(out.decode("utf-8")))
    path = os.path.join(HERE, "expected.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump({"generator": "python jieba 0.42.1 via make_expected.py", "scenarios": results}, f,
                  ensure_ascii=False, indent=0)
        f.write("\n")
    print(f"userdict: wrote {path} ({sum(len(r['cuts']) for r in results)} cuts)")


if __name__ == "__main__":
    main()
