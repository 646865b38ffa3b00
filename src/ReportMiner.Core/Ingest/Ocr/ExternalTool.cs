using System.Diagnostics;

namespace ReportMiner.Ingest;

/// <summary>
/// Finds and runs the command-line tools OCR needs (Tesseract, poppler's pdftoppm), as the
/// .doc reader runs LibreOffice: the path from <c>pipeline.yaml</c> or the tool on PATH, a time
/// limit with the process tree killed when it runs out, and stdout/stderr kept for the reason.
/// </summary>
internal static class ExternalTool
{
    /// <summary>The tool to run: the configured path (which must exist), else <paramref name="name"/> on PATH, else null.</summary>
    public static string? Find(string? configured, string name)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return IsFile(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (IsFile(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>An existing file, following symlinks (a dangling link does not count).</summary>
    private static bool IsFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return false;
        return info.LinkTarget is null || info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }

    /// <summary>What a run gave: exit code (-1: timed out or did not start), stdout bytes, stderr text.</summary>
    public readonly record struct Outcome(int ExitCode, byte[] Stdout, string Stderr, bool TimedOut)
    {
        public bool Ok => ExitCode == 0 && !TimedOut;

        /// <summary>The first lines of stderr, short enough for an error line.</summary>
        public string Detail()
        {
            if (TimedOut) return "timed out (ingest.timeout_seconds)";
            var message = string.Join(" ", Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (message.Length > 240) message = message[..240] + "…";
            return $"exit code {ExitCode}{(message.Length > 0 ? ": " + message : "")}";
        }
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>, feeding <paramref name="stdin"/>, within <paramref name="timeout"/>.</summary>
    public static Outcome Run(string tool, IEnumerable<string> arguments, byte[]? stdin, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        Process? process;
        try
        {
            process = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new Outcome(-1, [], $"{Path.GetFileName(tool)} did not start: {ex.Message}", false);
        }
        if (process is null) return new Outcome(-1, [], $"{Path.GetFileName(tool)} did not start", false);
        using (process)
        {
            var output = new MemoryStream();
            var stdout = process.StandardOutput.BaseStream.CopyToAsync(output);
            var stderr = process.StandardError.ReadToEndAsync();
            var feed = Task.Run(() =>
            {
                try
                {
                    if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
                    process.StandardInput.Close();
                }
                catch (IOException) { }   // the tool stopped reading (it failed; its exit code says why)
            });
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
                return new Outcome(-1, [], "", true);
            }
            process.WaitForExit();
            Task.WaitAll(stdout, stderr, feed);
            return new Outcome(process.ExitCode, output.ToArray(), stderr.Result, false);
        }
    }
}
