namespace ReportMiner.Numbers;

/// <summary>The result of parsing: a value, or why there is none. Parsing never throws.</summary>
public readonly record struct ParseResult<T>(bool Success, T Value, string? Error)
{
    public static ParseResult<T> Ok(T value) => new(true, value, null);
    public static ParseResult<T> Fail(string error) => new(false, default!, error);
}
