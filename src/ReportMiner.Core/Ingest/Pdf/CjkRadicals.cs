using System.Text;

namespace ReportMiner.Ingest;

/// <summary>
/// Maps Kangxi Radicals (U+2F00–U+2FD5) and CJK Radicals Supplement (U+2E80–U+2EFF) code points,
/// which some PDF fonts' ToUnicode maps give for ordinary characters (文 → ⽂, 页 → ⻚), back to
/// the CJK unified ideographs. The Kangxi table is Unicode's NFKC mapping, spelled out because
/// <see cref="string.Normalize()"/> is a no-op under InvariantGlobalization; the supplement,
/// which NFKC mostly leaves alone, uses a table of the simplified forms they stand for.
/// </summary>
public static class CjkRadicals
{
    /// <summary>NFKC targets of U+2F00…U+2FD5, in order (generated from Unicode 14 NFKC).</summary>
    private const string KangxiTargets =
        "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

    /// <summary>CJK Radicals Supplement code points that stand for a whole character, and that character.</summary>
    private static readonly Dictionary<char, char> Supplement = new()
    {
        ['\u2E84'] = '乙', ['\u2E86'] = '冂', ['\u2E87'] = '几', ['\u2E8C'] = '小', ['\u2E8D'] = '小',
        ['\u2E97'] = '心', ['\u2E9C'] = '日', ['\u2E9D'] = '月', ['\u2E9F'] = '母', ['\u2EA0'] = '民',
        ['\u2EA7'] = '牛', ['\u2EA9'] = '王', ['\u2EAB'] = '目', ['\u2EAC'] = '示', ['\u2EAE'] = '竹',
        ['\u2EB3'] = '网', ['\u2EB6'] = '羊', ['\u2EB9'] = '老', ['\u2EBC'] = '月', ['\u2EBD'] = '臼',
        ['\u2EC1'] = '虎', ['\u2EC3'] = '西', ['\u2EC4'] = '西', ['\u2EC5'] = '见', ['\u2EC6'] = '角',
        ['\u2EC7'] = '角', ['\u2EC9'] = '贝', ['\u2ECA'] = '足', ['\u2ECB'] = '车', ['\u2ED1'] = '長',
        ['\u2ED3'] = '长', ['\u2ED4'] = '门', ['\u2ED7'] = '雨', ['\u2ED8'] = '青', ['\u2ED9'] = '韦',
        ['\u2EDA'] = '页', ['\u2EDB'] = '风', ['\u2EDC'] = '飞', ['\u2EDD'] = '食', ['\u2EDF'] = '食',
        ['\u2EE1'] = '首', ['\u2EE2'] = '马', ['\u2EE3'] = '骨', ['\u2EE4'] = '鬼', ['\u2EE5'] = '鱼',
        ['\u2EE6'] = '鸟', ['\u2EE7'] = '卤', ['\u2EE8'] = '麦', ['\u2EE9'] = '黄', ['\u2EEA'] = '黾',
        ['\u2EEC'] = '齐', ['\u2EEE'] = '齿', ['\u2EF0'] = '龙', ['\u2EF3'] = '龟',
        // Components written as a character of their own in the unified block.
        ['\u2E85'] = '亻', ['\u2E89'] = '刂', ['\u2E96'] = '忄', ['\u2E98'] = '扌', ['\u2EA1'] = '氵',
        ['\u2EA3'] = '灬', ['\u2EA8'] = '犭', ['\u2EAD'] = '礻', ['\u2EB0'] = '纟', ['\u2EBE'] = '艹',
        ['\u2EC2'] = '衤', ['\u2EC8'] = '讠', ['\u2ECC'] = '辶', ['\u2ECF'] = '阝', ['\u2ED0'] = '钅',
        ['\u2ED6'] = '阝', ['\u2EE0'] = '饣',
    };

    /// <summary>The ordinary character for a radical code point, or the character itself.</summary>
    public static char Map(char c)
    {
        if (c >= '\u2F00' && c <= '\u2FD5') return KangxiTargets[c - '\u2F00'] switch
        {
            '靑' => '青', // NFKC gives the rare variant U+9751; text means U+9752
            var t => t,
        };
        if (c >= '\u2E80' && c <= '\u2EFF' && Supplement.TryGetValue(c, out var mapped)) return mapped;
        return c;
    }

    /// <summary>True when <paramref name="c"/> is in either radical block.</summary>
    public static bool IsRadical(char c) => c >= '\u2E80' && c <= '\u2FDF';

    /// <summary>Replaces every radical code point in <paramref name="text"/> (no allocation when there is none).</summary>
    public static string MapAll(string text)
    {
        int i = 0;
        while (i < text.Length && !IsRadical(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++) sb.Append(Map(text[i]));
        return sb.ToString();
    }
}
