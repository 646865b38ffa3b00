namespace ReportMiner.Extract;

/// <summary>The unit of an indicator's normalised value (<c>unit</c> in <c>pipeline.yaml</c>).</summary>
public enum IndicatorUnit
{
    /// <summary><c>CNY</c>: yuan; money figures (万元, 亿元 …) are converted.</summary>
    Cny,
    /// <summary><c>count</c>: things counted (家, 件, 项 …).</summary>
    Count,
    /// <summary><c>persons</c>: people counted (人, 名).</summary>
    Persons,
    /// <summary><c>percent</c>: a share or intensity in percent.</summary>
    Percent,
}

/// <summary>How <c>eval</c> compares an indicator's values (<c>scoring</c> in <c>pipeline.yaml</c>).</summary>
public enum Scoring
{
    /// <summary><c>tolerant</c>: values agree within <see cref="Eval.Scorer.Tolerance"/> of the gold value.</summary>
    Tolerant,
    /// <summary><c>exact</c>: values must be equal (counts of things and people).</summary>
    Exact,
}

/// <summary>The words <c>pipeline.yaml</c> and the outputs use for <see cref="IndicatorUnit"/> and <see cref="Scoring"/>.</summary>
public static class IndicatorWords
{
    /// <summary>The unit as written in <c>pipeline.yaml</c> and in a mention's <c>unit</c>.</summary>
    public static string Name(this IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Cny => "CNY",
        IndicatorUnit.Count => "count",
        IndicatorUnit.Persons => "persons",
        _ => "percent",
    };

    public static bool TryParseUnit(string word, out IndicatorUnit unit)
    {
        foreach (var u in Enum.GetValues<IndicatorUnit>())
            if (u.Name() == word) { unit = u; return true; }
        unit = default;
        return false;
    }

    public static bool TryParseScoring(string word, out Scoring scoring)
    {
        scoring = word == "exact" ? Scoring.Exact : Scoring.Tolerant;
        return word is "exact" or "tolerant";
    }
}
