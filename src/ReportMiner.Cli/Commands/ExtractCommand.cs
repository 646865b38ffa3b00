using System.CommandLine;
using System.Text.Json;
using ReportMiner.Ingest;
using ReportMiner.Output;

namespace ReportMiner.Cli.Commands;

/// <summary><c>reportminer extract FILE</c>: the mentions of one file as JSON lines, for debugging.</summary>
internal static class ExtractCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "a report (txt, pdf, docx …)" };
        var candidates = new Option<bool>("--candidates") { Description = "also print rejected figures, with the reason" };
        var structure = new Option<bool>("--structure") { Description = "also print each report's title, year, period and sections" };
        var text = new Option<bool>("--text") { Description = "print the normalised text instead (what normalised_span indexes), exactly, with nothing added" };
        var config = PipelineLoader.ConfigOption();
        var command = new Command("extract", "Print the mentions of one file as JSON lines.") { file, candidates, structure, text, config };
        command.SetAction(parse =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                context.Error.WriteLine($"reportminer: {f.FullName}: no such file");
                return CliApp.ExitUsage;
            }
            var cfg = PipelineLoader.LoadConfig(parse.GetValue(config), context.Error);
            if (cfg is null) return CliApp.ExitUsage;
            var pipeline = PipelineLoader.Build(cfg, context.Error);
            if (pipeline is null) return CliApp.ExitUsage;
            var opts = cfg.Ingest.ToOptions();
            var read = ReaderRegistry.CreateDefault().Read(f.Name, File.ReadAllBytes(f.FullName), f.Extension, opts);
            if (!read.Success)
            {
                context.Error.WriteLine($"error: {read.Error!.Document}: {read.Error.Stage}: {read.Error.Reason}");
                return CliApp.ExitSomeFailed;
            }
            var result = pipeline.Process(read.Document!);
            if (parse.GetValue(text))
            {
                context.Out.Write(result.Normalized.Text);
                context.Out.Flush();
                return CliApp.ExitOk;
            }
            foreach (var report in result.Reports)
            {
                if (parse.GetValue(structure))
                {
                    var r = report.Report;
                    context.Out.WriteLine(JsonLine(w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("report", r.Index);
                        w.WriteString("title", r.Title);
                        w.WriteString("issuer", r.Issuer);
                        w.WriteString("published", r.Published);
                        w.WriteString("period", r.Period);
                        w.WriteString("county", report.County.Key);
                        w.WriteString("first_line", FirstLine(result.Normalized.Text, r.Start));
                        w.WriteStartArray("sections");
                        foreach (var sec in r.Sections) w.WriteStringValue($"{sec.Kind} {sec.Period} {sec.Heading}");
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }));
                }
                foreach (var m in report.Mentions) context.Out.WriteLine(JsonLine(w => CountyFileWriter.WriteMention(w, m)));
                if (!parse.GetValue(candidates)) continue;
                foreach (var c in report.Candidates.Where(c => c.Indicator is null))
                {
                    var q = c.Quantity;
                    var text = result.Normalized.Text;
                    context.Out.WriteLine(JsonLine(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("rejected", text[q.Start..q.End]);
                        w.WriteString("reason", c.Rejection?.ToString() ?? "no trigger");
                        w.WriteString("nearest", c.NearestIndicator);
                        w.WriteString("context", text[Math.Max(c.SentenceStart, q.Start - 30)..q.End]);
                        w.WriteEndObject();
                    }));
                }
            }
            return CliApp.ExitOk;
        });
        return command;
    }

    private static string FirstLine(string text, int start)
    {
        int nl = text.IndexOf('\n', start);
        var line = nl < 0 ? text[start..] : text[start..nl];
        return line.Length > 40 ? line[..40] : line;
    }

    private static string JsonLine(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(w);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
