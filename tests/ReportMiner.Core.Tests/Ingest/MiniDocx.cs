using System.IO.Compression;
using System.Text;

namespace ReportMiner.Tests.Ingest;

/// <summary>Builds DOCX packages from raw WordprocessingML for cases no fixture covers.</summary>
internal static class MiniDocx
{
    public const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A package whose body is <paramref name="bodyXml"/>; with a header, a footer, footnotes and comments that must not be read.</summary>
    public static byte[] Create(string bodyXml, string? documentXml = null)
    {
        var document = documentXml ?? $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{bodyXml}<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr></w:body></w:document>
            """;
        return Zip(new()
        {
            ["[Content_Types].xml"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>
                """,
            ["_rels/.rels"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>
                """,
            ["word/_rels/document.xml.rels"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="{R}/header" Target="header1.xml"/><Relationship Id="rIdF" Type="{R}/footer" Target="footer1.xml"/><Relationship Id="rIdN" Type="{R}/footnotes" Target="footnotes.xml"/><Relationship Id="rIdC" Type="{R}/comments" Target="comments.xml"/></Relationships>
                """,
            ["word/document.xml"] = document,
            ["word/header1.xml"] = $"""<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>""",
            ["word/footer1.xml"] = $"""<w:ftr xmlns:w="{W}"><w:p><w:r><w:t>页脚文字</w:t></w:r></w:p></w:ftr>""",
            ["word/footnotes.xml"] = $"""<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>脚注文字</w:t></w:r></w:p></w:footnote></w:footnotes>""",
            ["word/comments.xml"] = $"""<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="x"><w:p><w:r><w:t>批注文字</w:t></w:r></w:p></w:comment></w:comments>""",
        });
    }

    public static byte[] Zip(Dictionary<string, string> entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes(content.Trim()));
            }
        return ms.ToArray();
    }

    public static string P(string runs) => $"<w:p>{runs}</w:p>";
    public static string Run(string text) => $"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>";
}
