using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReportMiner.Config;
using ReportMiner.Segmentation;

namespace ReportMiner.Cli.Commands;

/// <summary>
/// <c>reportminer segment FILE</c>: jieba-compatible word segmentation, one output line per
/// input line (the same line rules as tools/jieba_ref.py).
/// </summary>
internal static class SegmentCommand
{
    public static Command Create(CliContext context)
    {
        var noHmm = new Option<bool>("--no-hmm") { Description = "Cut without the HMM for unknown words (jieba HMM=False)." };
        var search = new Option<bool>("--search") { Description = "Search mode: also emit the dictionary 2- and 3-grams inside longer words (jieba cut_for_search)." };
        var dict = new Option<string>("--dict")
        {
            Description = "default: jieba's dictionary only; pipeline: also the user dictionaries listed in pipeline.yaml.",
            DefaultValueFactory = _ => "pipeline",
        };
        dict.AcceptOnlyFromAmong("default", "pipeline");
        var format = new Option<string>("--format")
        {
            Description = "text: tokens joined by one space; json: one JSON array of tokens per line.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var dropSpace = new Option<bool>("--drop-space") { Description = "Leave out whitespace-only tokens (text format)." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "pipeline.yaml to take the model and user dictionaries from (default: the shipped one)." };
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 text file to segment." };

        var command = new Command("segment", "Cut a UTF-8 text file into words like python jieba 0.42.1, one output line per input line.")
        {
            noHmm, search, dict, format, dropSpace, config, file,
        };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(config), parse.GetValue(dict) == "pipeline",
            parse.GetValue(noHmm), parse.GetValue(search), parse.GetValue(format) == "json", parse.GetValue(dropSpace)));
        return command;
    }

    private static int Run(CliContext context, FileInfo file, FileInfo? configFile, bool pipelineDict, bool noHmm, bool search, bool json, bool dropSpace)
    {
        var err = context.Error;
        var configPath = configFile?.FullName ?? PipelineConfig.FindDefault();
        if (configPath is null)
        {
            err.WriteLine("reportminer segment: no pipeline.yaml found next to the program or above it; pass --config FILE.");
            return CliApp.ExitUsage;
        }
        if (!File.Exists(configPath))
        {
            err.WriteLine($"reportminer segment: config file not found: {configPath}");
            return CliApp.ExitUsage;
        }
        var loaded = PipelineConfig.Load(configPath);
        if (loaded.Config is not { } cfg)
        {
            err.WriteLine($"reportminer segment: {loaded.Error}");
            return CliApp.ExitUsage;
        }
        if (!file.Exists)
        {
            err.WriteLine($"reportminer segment: input file not found: {file.FullName}");
            return CliApp.ExitUsage;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(file.FullName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            err.WriteLine($"reportminer segment: cannot read {file.FullName}: {ex.Message}");
            return CliApp.ExitSomeFailed;
        }
        catch (DecoderFallbackException ex)
        {
            err.WriteLine($"reportminer segment: {file.FullName} is not valid UTF-8 (byte {ex.Index}).");
            return CliApp.ExitSomeFailed;
        }

        JiebaSegmenter segmenter;
        var modelDir = cfg.Resolve(cfg.Segmenter.Model);
        try
        {
            var builder = JiebaSegmenterBuilder.FromModel(modelDir);
            if (pipelineDict)
                foreach (var userDict in cfg.Segmenter.UserDictionaries)
                    builder.LoadUserDictionary(cfg.Resolve(userDict));
            segmenter = builder.Build();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            err.WriteLine($"reportminer segment: cannot load the segmenter ({cfg.SourcePath}): {ex.Message}");
            return CliApp.ExitSomeFailed;
        }

        var hmm = !noHmm && cfg.Segmenter.Hmm;
        var mode = (search, hmm) switch
        {
            (false, true) => SegmentMode.Accurate,
            (false, false) => SegmentMode.AccurateNoHmm,
            (true, true) => SegmentMode.Search,
            (true, false) => SegmentMode.SearchNoHmm,
        };
        WriteTokens(context.Out, segmenter, text, mode, json, dropSpace);
        return CliApp.ExitOk;
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Line rules of jieba_ref.py: BOM dropped, split on \n only, trailing \r removed, no extra line after a final \n.</summary>
    internal static void WriteTokens(TextWriter output, JiebaSegmenter segmenter, string text, SegmentMode mode, bool json, bool dropSpace)
    {
        var all = text.AsSpan();
        if (all.Length > 0 && all[0] == '\uFEFF') all = all[1..];
        var tokens = new List<Token>();
        var sb = new StringBuilder();
        var buffer = new ArrayBufferWriter<byte>();
        while (all.Length > 0)
        {
            var nl = all.IndexOf('\n');
            var line = nl < 0 ? all : all[..nl];
            all = nl < 0 ? [] : all[(nl + 1)..];
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            tokens.Clear();
            segmenter.Cut(line, tokens, mode);
            if (json)
            {
                buffer.ResetWrittenCount();
                using (var w = new Utf8JsonWriter(buffer, JsonOptions))
                {
                    w.WriteStartArray();
                    foreach (var t in tokens) w.WriteStringValue(line.Slice(t.Start, t.Length));
                    w.WriteEndArray();
                }
                output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
            else
            {
                sb.Clear();
                var first = true;
                foreach (var t in tokens)
                {
                    var token = line.Slice(t.Start, t.Length);
                    if (dropSpace && JiebaSegmenter.IsWhitespaceToken(token)) continue;
                    if (!first) sb.Append(' ');
                    sb.Append(token);
                    first = false;
                }
                output.WriteLine(sb);
            }
        }
    }
}
