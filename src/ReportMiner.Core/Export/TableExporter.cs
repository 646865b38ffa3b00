using ReportMiner.Output;

namespace ReportMiner.Export;

/// <summary>The table formats and where <c>run</c> puts them in its output folder.</summary>
public static class TableExporter
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "sqlite"];

    /// <summary>File name of a format inside the output folder.</summary>
    public static string DefaultFileName(string format) => format switch
    {
        "csv" => "mentions.csv",
        "xlsx" => "mentions.xlsx",
        "sqlite" => "reportminer.sqlite",
        _ => throw new ArgumentException($"unknown table format '{format}' (csv, xlsx, sqlite)", nameof(format)),
    };

    /// <summary>Writes <paramref name="data"/> in <paramref name="format"/> to <paramref name="path"/>, atomically and only if changed.</summary>
    public static void Write(ExportData data, string format, string path)
    {
        switch (format)
        {
            case "csv": AtomicFile.WriteIfChanged(path, CsvTableWriter.Write(data)); break;
            case "xlsx": AtomicFile.WriteIfChanged(path, XlsxTableWriter.Write(data)); break;
            case "sqlite": SqliteTableWriter.Write(data, path); break;
            default: throw new ArgumentException($"unknown table format '{format}' (csv, xlsx, sqlite)", nameof(format));
        }
    }

    /// <summary>Reads the output folder back and writes each format into it under its default name.</summary>
    public static void WriteInto(string outDir, IEnumerable<string> formats)
    {
        var list = formats.Select(f => f.Trim().ToLowerInvariant()).Distinct().ToList();
        if (list.Count == 0) return;
        var data = OutputReader.Read(outDir);
        foreach (var format in list) Write(data, format, Path.Combine(outDir, DefaultFileName(format)));
    }
}
