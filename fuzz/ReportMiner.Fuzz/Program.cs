using ReportMiner.Fuzz;

// Usage:
//   ReportMiner.Fuzz <target>                 under afl-fuzz (tools/fuzz.sh): the SharpFuzz loop, input on stdin;
//                                             outside afl-fuzz it runs the target once on stdin.
//   ReportMiner.Fuzz <target> --replay FILE…  runs the target on each file and prints ok / FAIL with the reason.
// Targets: txt, numbers, normalise, pdf, docx (see docs/fuzzing.md).

if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: ReportMiner.Fuzz <{string.Join('|', FuzzTargets.Names)}> [--replay FILE...]");
    return 2;
}
var target = args[0];

if (args.Length > 1 && args[1] == "--replay")
{
    int failed = 0;
    foreach (var file in args.Skip(2))
    {
        try
        {
            var outcome = FuzzTargets.Run(target, File.ReadAllBytes(file));
            Console.WriteLine($"ok    {file}: {outcome}");
        }
        catch (Exception ex)
        {
            failed++;
            Console.WriteLine($"FAIL  {file}\n{ex}");
        }
    }
    return failed == 0 ? 0 : 1;
}

// Out of process: a stack overflow or an abort in the target kills only the child, and afl-fuzz
// records the input as a crash instead of losing the fork server.
SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    _ = FuzzTargets.Run(target, buffer.ToArray());
});
return 0;
