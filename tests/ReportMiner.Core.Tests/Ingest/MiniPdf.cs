using System.Globalization;
using System.Text;

namespace ReportMiner.Tests.Ingest;

/// <summary>Writes small PDFs by hand (objects, a correct xref table, a trailer) for cases no fixture covers.</summary>
internal static class MiniPdf
{
    /// <summary>A PDF whose objects are <paramref name="objects"/> (object i+1 = objects[i]); object 1 must be the catalog.</summary>
    public static byte[] Build(IReadOnlyList<byte[]> objects, string trailerExtra = "")
    {
        var ms = new MemoryStream();
        void Write(string s) { var b = Encoding.Latin1.GetBytes(s); ms.Write(b); }
        Write("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");
        var offsets = new long[objects.Count];
        for (int i = 0; i < objects.Count; i++)
        {
            offsets[i] = ms.Position;
            Write($"{i + 1} 0 obj\n");
            ms.Write(objects[i]);
            Write("\nendobj\n");
        }
        long xref = ms.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write(o.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R {trailerExtra}>>\nstartxref\n{xref}\n%%EOF\n");
        return ms.ToArray();
    }

    public static byte[] Obj(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] Stream(string dictionary, byte[] data)
    {
        var head = Encoding.Latin1.GetBytes($"<< {dictionary} /Length {data.Length} >>\nstream\n");
        var tail = Encoding.Latin1.GetBytes("\nendstream");
        return [.. head, .. data, .. tail];
    }

    /// <summary>One page that paints a 16×16 grey image and has no text at all: what a scanner produces.</summary>
    public static byte[] ScannedPage()
    {
        var pixels = new byte[16 * 16];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 % 256);
        var content = Encoding.Latin1.GetBytes("q 500 0 0 700 50 50 cm /Im1 Do Q");
        return Build([
            Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"),
            Stream("", content),
            Stream("/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8", pixels),
        ]);
    }

    /// <summary>One page with Helvetica text, for building variants.</summary>
    public static byte[] TextPage(string text, string trailerExtra = "", IReadOnlyList<byte[]>? extraObjects = null)
    {
        var content = Encoding.Latin1.GetBytes($"BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
        var objects = new List<byte[]>
        {
            Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
            Stream("", content),
            Obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        };
        if (extraObjects is not null) objects.AddRange(extraObjects);
        return Build(objects, trailerExtra);
    }

    /// <summary>
    /// A PDF of several A4 pages of Helvetica text: each page's lines, from the top (y 810) down at a
    /// 14 pt pitch, except that a line starting with <c>@foot </c> goes to the bottom (y 30). All pages
    /// share one resource dictionary (an indirect object), as PDFs made by one program do.
    /// </summary>
    public static byte[] TextPages(IReadOnlyList<string[]> pages)
    {
        // 1 catalog, 2 page tree, 3 resources, 4 font, then page i: 5 + 2i (page), 6 + 2i (content).
        var kids = string.Join(" ", Enumerable.Range(0, pages.Count).Select(i => $"{5 + 2 * i} 0 R"));
        var objects = new List<byte[]>
        {
            Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            Obj($"<< /Type /Pages /Kids [{kids}] /Count {pages.Count} >>"),
            Obj("<< /Font << /F1 4 0 R >> >>"),
            Obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        };
        for (int i = 0; i < pages.Count; i++)
        {
            var content = new StringBuilder();
            int y = 810;
            foreach (var line in pages[i])
            {
                bool foot = line.StartsWith("@foot ", StringComparison.Ordinal);
                var text = (foot ? line[6..] : line).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
                content.Append(CultureInfo.InvariantCulture, $"BT /F1 11 Tf 72 {(foot ? 30 : y)} Td ({text}) Tj ET\n");
                if (!foot) y -= 14;
            }
            objects.Add(Obj($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 3 0 R /Contents {6 + 2 * i} 0 R >>"));
            objects.Add(Stream("", Encoding.Latin1.GetBytes(content.ToString())));
        }
        return Build(objects);
    }

    /// <summary>
    /// A text page whose trailer names an /Encrypt dictionary (standard handler, RC4 128-bit) whose
    /// /U entry matches no password: it cannot be opened without the (unknown) user password.
    /// </summary>
    public static byte[] Encrypted()
    {
        string hex32a = string.Concat(Enumerable.Range(0, 32).Select(i => ((i * 37 + 11) % 256).ToString("X2", CultureInfo.InvariantCulture)));
        string hex32b = string.Concat(Enumerable.Range(0, 32).Select(i => ((i * 53 + 5) % 256).ToString("X2", CultureInfo.InvariantCulture)));
        var encrypt = Obj($"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{hex32a}> /U <{hex32b}> >>");
        return TextPage("Secret report", $"/Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ", [encrypt]);
    }
}
