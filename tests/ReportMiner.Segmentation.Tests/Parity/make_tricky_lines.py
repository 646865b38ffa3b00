#!/usr/bin/env python3
"""Writes tricky-lines.txt: one edge case per line for the jieba parity tests.

Deterministic (fixed seed); run from anywhere:
    python3 tests/ReportMiner.Segmentation.Tests/Parity/make_tricky_lines.py
The file is committed; this script documents what is in it (many characters are invisible).
"""
import os
import random

rng = random.Random(20261123)
here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "..", "..", "..", "corpus", "003_356c60abb3feb7ae.txt")

lines = [
    # numbers, percents, units
    "2023年全县高新技术企业达到48家，研发投入1.56亿元，同比增长48.1%。",
    "增长5.8％，１.５６亿元，２０２１年，Ｒ＆Ｄ经费，ＡＢＣ１２３",
    "2021年1-4月，2024-08，2021年省科技厅，2021年度，1-12月份",
    "R&D经费投入强度达到3.78%,R&D 经费，R&5，x%1，&%，--，—— ，……",
    "COVID-19疫情防控，V2.0版本，3G网络，5G基站，4K电视，A股，U盘，IC卡，1号店，γ射线",
    "C++和C#语言，AT&T公司，c++ c#，C+，C##，c#c++AT&TB超",
    "1,533.7万元 xx家 x% -- &% www.example.com a_b __init__ #tag +86 1.a .5 5. a.b",
    "技术合同成交额1.2.3亿元 100% 12.5%% 3.14%abc 0.5.6 99.9.9% 1..2 a..b %% 12%.5",
    "ABC123abc a1b2 1.56.78 abc.def 1e5 0x1F 3.0ghz V2.0.1版本号",
    # CJK outside U+4E00..U+9FD5, compatibility ideographs, 〇
    "㐀㐁㐂㐃科技创新鿖鿗鿘鿙鿚鿛发展豈更車賈滑串句龜〇一二三〇",
    "二〇二一年，二〇二二年上半年〇〇七",
    "\u9fd5\u9fd6\u9fd4\u9fff\u4e00\u4dff\u3400\u4db5",
    # every kind of whitespace
    "科技\t创新\x0b发展\x0c企业\x1c专利\x1d申请\x1e授权\x1f研发\x85投入\xa0经费",
    "项目\u1680资金\u2000高新\u2001技术\u2002企业\u2003科技\u2004型\u2005中小\u2006企业\u2007专利\u2008授权\u2009研发\u200a投入",
    "行\u2028分\u2029段\u202f窄\u205f数学\u3000全角\u3000\u3000空格 普通  双空格",
    "\t开头有制表符，结尾有空格 ",
    "   ",
    "零宽\u200b空格\u200c不是\u200d空白\ufeff字节序\u180e蒙古",
    "回车\r在行中\r\r两个",
    # control characters and other punctuation
    "控制\x01字符\x7f删除\x00空",
    "——，。、；：（）《》〔〕“”‘’…【】！？·～＋＃＆＿％－．",
    "<html>标签</html> {json: 1} [列表] |竖线| \\反斜杠/ 'quote' \"dq\" `bt` ^ $ @ ! ? ~ = * ( )",
    # emoji, supplementary planes, combining marks, other scripts
    "科技😀创新👍🏽发展👨‍👩‍👧家庭🇨🇳国旗",
    "𠀀𠀁𪜀𫝀𬺰科技𰀀创新\U000e0001标签",
    "café naïve résumé Ünïcödé éé 科技é创新",
    "Ελληνικά αβγ γ射线 Русский текст العربية ٣٤٥ हिन्दी ไทย 한국어 日本語のテキスト カタカナ",
    "ｆｕｌｌ－ｗｉｄｔｈ ｌａｔｉｎ ＡＢＣ ａｂｃ ０１２３４５６７８９",
    # masked figures, common report shapes
    "全县规上工业企业xx家，高新技术企业x家，增长x%，研发经费xx亿元，技术合同交易额xxx万元",
    "（一）认真组织申报科技项目和高新技术企业认定工作。1.科技特派员工作；2、专利申请量123件，其中发明专利45件",
    "截至2024年6月底，全县有效发明专利拥有量达到1234件，万人发明专利拥有量5.67件，同比增长12.3个百分点",
    "科技型中小企业评价入库158家，研发费用加计扣除减免税额1.2亿元，高新技术产业增加值占规上工业增加值比重达到45.6%",
    # HMM: unknown names and runs the dictionary does not cover
    "王小明同志和李华平、欧阳娜娜、司马相如参加了会议",
    "分号句号逗号顿号冒号问号叹号",
    "结婚的和尚未结婚的，他说的确实在理，工信处女干事每月经过下属科室",
    "乒乓球拍卖完了，南京市长江大桥，研究生命起源，发展中国家兔",
    "鿖" * 5 + "鿕" * 5 + "䶵" * 3,
    # very long runs of unknown characters (random CJK, deterministic)
    "".join(chr(rng.randint(0x4E00, 0x9FD5)) for _ in range(3000)),
    "".join(chr(rng.choice([rng.randint(0x4E00, 0x9FD5), rng.randint(0x3400, 0x4DB5), rng.randint(0x61, 0x7A), 0x2E, 0x25, 0x2D]))
            for _ in range(2000)),
    "a" * 500 + "1" * 500 + "." + "2" * 100 + "%" * 3,
]

# a very long line: a whole report joined without its line breaks
with open(corpus, encoding="utf-8") as f:
    lines.append(f.read().replace("\r", "").replace("\n", ""))

with open(os.path.join(here, "tricky-lines.txt"), "w", encoding="utf-8", newline="\n") as f:
    for line in lines:
        assert "\n" not in line
        f.write(line + "\n")
print(f"wrote {len(lines)} lines")
