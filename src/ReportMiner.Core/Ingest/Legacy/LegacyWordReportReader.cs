using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReportMiner.Ingest;

/// <summary>
/// Reads legacy Word 97–2003 (.doc) and WPS (.wps) reports by converting them to DOCX with
/// LibreOffice (<c>soffice --headless --convert-to docx</c>) and reading that with
/// <see cref="DocxReportReader"/>; the document keeps the format <c>doc</c> / <c>wps</c> and the
/// hash of the original bytes. Each concurrent conversion gets its own LibreOffice profile
/// (profiles are pooled, so one worker reuses one), and runs under
/// <see cref="IngestOptions.TimeoutSeconds"/>. Without LibreOffice it fails with how to install it.
/// </summary>
public sealed class LegacyWordReportReader : IReportReader
{
    /// <summary>OLE2 compound file signature (Word 97–2003, WPS).</summary>
    private static ReadOnlySpan<byte> Ole2Magic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The message when soffice is missing.</summary>
    public const string InstallHint = "LibreOffice is needed to read .doc/.wps files but 'soffice' was not found on PATH; install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or set ingest.soffice in pipeline.yaml";

    private static readonly ConcurrentBag<string> IdleProfiles = [];
    private static readonly string WorkRoot = CreateWorkRoot();

    /// <summary>
    /// This process's folder for conversions and profiles, removed when the process exits; folders
    /// left by processes that are gone (killed test hosts) are removed here.
    /// </summary>
    private static string CreateWorkRoot()
    {
        const string prefix = "reportminer-soffice-";
        try
        {
            foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), prefix + "*"))
                if (int.TryParse(Path.GetFileName(dir).AsSpan(prefix.Length), out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
                    TryDelete(dir);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        var root = Path.Combine(Path.GetTempPath(), prefix + Environment.ProcessId);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }

    private static bool IsRunning(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
    private static int _profileCounter;

    public string Format => "doc";

    public ReaderMatch Match(ReadOnlySpan<byte> head, string extension)
    {
        if (head.StartsWith(Ole2Magic)) return ReaderMatch.Content;
        return extension is ".doc" or ".wps" or ".dot" or ".wpt" ? ReaderMatch.Extension : ReaderMatch.No;
    }

    public IngestResult Read(string id, ReadOnlyMemory<byte> bytes, IngestOptions options)
    {
        var extension = Path.GetExtension(id).ToLowerInvariant();
        var format = extension is ".wps" or ".wpt" ? "wps" : "doc";
        if (bytes.Length == 0) return IngestResult.Fail(id, format, "empty file");
        var soffice = FindSoffice(options.SofficePath);
        if (soffice is null) return IngestResult.Fail(id, format, InstallHint);

        Directory.CreateDirectory(WorkRoot);
        var job = Path.Combine(WorkRoot, "job-" + Guid.NewGuid().ToString("N"));
        var input = Path.Combine(job, "in", "document" + (format == "wps" ? ".wps" : ".doc"));
        var outDir = Path.Combine(job, "out");
        var profile = RentProfile();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(input)!);
            Directory.CreateDirectory(outDir);
            File.WriteAllBytes(input, bytes.ToArray());
            var (ok, detail) = Convert(soffice, profile, input, outDir, TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
            var output = Path.Combine(outDir, "document.docx");
            if (!ok || !File.Exists(output))
                return IngestResult.Fail(id, format, $"LibreOffice could not convert the file to DOCX ({detail}); it may be damaged or not a Word document");
            var converted = DocxReportReader.Read(id, File.ReadAllBytes(output), options, format);
            if (!converted.Success) return converted;
            var doc = converted.Document!;
            return IngestResult.Ok(new SourceDocument
            {
                Id = doc.Id,
                Format = format,
                Text = doc.Text,
                Sha256 = Hashing.Sha256Hex(bytes.Span),
                Regions = doc.Regions,
            });
        }
        finally
        {
            IdleProfiles.Add(profile);
            TryDelete(job);
        }
    }

    /// <summary>The soffice to run: the configured path, else soffice / libreoffice on PATH, else Debian's location.</summary>
    public static string? FindSoffice(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return IsFile(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "soffice", "libreoffice", "soffice.exe" })
            {
                var candidate = Path.Combine(dir, name);
                if (IsFile(candidate)) return candidate;
            }
        const string debian = "/usr/lib/libreoffice/program/soffice";
        return IsFile(debian) ? debian : null;
    }

    /// <summary>An existing file, following symlinks (a dangling /usr/bin/soffice link does not count).</summary>
    private static bool IsFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return false;
        return info.LinkTarget is null || info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }

    private static string RentProfile()
    {
        if (IdleProfiles.TryTake(out var profile)) return profile;
        return Path.Combine(WorkRoot, "profile-" + Interlocked.Increment(ref _profileCounter));
    }

    private static (bool Ok, string Detail) Convert(string soffice, string profile, string input, string outDir, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                     "-env:UserInstallation=" + new Uri(profile + Path.DirectorySeparatorChar).AbsoluteUri,
                     "--convert-to", "docx", "--outdir", outDir, input })
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi);
        if (process is null) return (false, "soffice did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            return (false, $"timed out after {timeout.TotalSeconds:0} s (ingest.timeout_seconds)");
        }
        process.WaitForExit();
        var message = (stderr.Result + " " + stdout.Result).Trim();
        if (message.Length > 300) message = message[..300] + "…";
        return (process.ExitCode == 0, $"exit code {process.ExitCode}{(message.Length > 0 ? ": " + message : "")}");
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
