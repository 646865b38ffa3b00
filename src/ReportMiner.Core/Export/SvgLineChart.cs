using System.Globalization;

namespace ReportMiner.Export;

/// <summary>
/// A small line chart as inline SVG, written by hand so that it is deterministic and a few
/// hundred bytes: years along x, values along y from zero; one line per series, actual values
/// as filled dots on a solid line, targets as hollow squares on a dashed one. Colours and
/// dashes come from the report's style sheet (classes <c>k0</c>…<c>k5</c>, <c>t</c>).
/// </summary>
internal static class SvgLineChart
{
    public const int Width = 320, Height = 160;
    private const int Left = 52, Right = 20, Top = 8, Bottom = 22;

    /// <summary>One point: its year, value, tooltip and the anchor it links to.</summary>
    public readonly record struct Point(int Year, double Value, string Label, string Href);

    /// <summary>One line: its colour index, whether it is a target, and its points by year.</summary>
    public sealed record Series(int Colour, bool Target, IReadOnlyList<Point> Points);

    public static void Write(TextWriter w, IReadOnlyList<Series> series, string unit)
    {
        w.Write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
        w.Write(Width.ToString(CultureInfo.InvariantCulture));
        w.Write(' ');
        w.Write(Height.ToString(CultureInfo.InvariantCulture));
        w.Write("\" role=\"img\">");
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            w.Write("<text class=\"none\" x=\"");
            w.Write(Width / 2);
            w.Write("\" y=\"");
            w.Write(Height / 2);
            w.Write("\">no full-year value to plot</text></svg>");
            return;
        }
        int minYear = points.Min(p => p.Year), maxYear = points.Max(p => p.Year);
        double max = NiceCeiling(Math.Max(0, points.Max(p => p.Value)));
        double min = Math.Min(0, points.Min(p => p.Value));
        if (max <= min) max = min + 1;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double X(int year) => maxYear == minYear ? Left + plotW / 2 : Left + plotW * (year - minYear) / (maxYear - minYear);
        double Y(double v) => Top + plotH * (max - v) / (max - min);

        // Axes and grid: three horizontal lines with their values, a label per year (at most 8).
        w.Write("<g class=\"ax\">");
        for (int i = 0; i <= 2; i++)
        {
            double v = min + (max - min) * i / 2;
            string y = Html.Coord(Y(v));
            w.Write("<line x1=\"" + Left + "\" x2=\"" + (Width - Right) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>");
            w.Write("<text x=\"" + (Left - 4) + "\" y=\"" + y + "\" class=\"yl\">");
            Html.Text(w, Compact(v, unit));
            w.Write("</text>");
        }
        int step = Math.Max(1, (maxYear - minYear + 7) / 8);
        for (int year = minYear; year <= maxYear; year += step)
            w.Write("<text x=\"" + Html.Coord(X(year)) + "\" y=\"" + (Height - 6) + "\" class=\"xl\">" + year.ToString(CultureInfo.InvariantCulture) + "</text>");
        w.Write("</g>");

        foreach (var s in series)
        {
            if (s.Points.Count == 0) continue;
            w.Write("<g class=\"s k" + s.Colour.ToString(CultureInfo.InvariantCulture) + (s.Target ? " t" : "") + "\">");
            if (s.Points.Count > 1)
            {
                w.Write("<polyline points=\"");
                for (int i = 0; i < s.Points.Count; i++)
                {
                    if (i > 0) w.Write(' ');
                    w.Write(Html.Coord(X(s.Points[i].Year)) + "," + Html.Coord(Y(s.Points[i].Value)));
                }
                w.Write("\"/>");
            }
            foreach (var p in s.Points)
            {
                string x = Html.Coord(X(p.Year)), y = Html.Coord(Y(p.Value));
                w.Write("<a href=\"");
                Html.Text(w, p.Href);
                w.Write("\">");
                if (s.Target) w.Write("<rect x=\"" + Html.Coord(X(p.Year) - 3) + "\" y=\"" + Html.Coord(Y(p.Value) - 3) + "\" width=\"6\" height=\"6\">");
                else w.Write("<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"3\">");
                w.Write("<title>");
                Html.Text(w, p.Label);
                w.Write(s.Target ? "</title></rect></a>" : "</title></circle></a>");
            }
            w.Write("</g>");
        }
        w.Write("</svg>");
    }

    /// <summary>The smallest 1, 2 or 5 × 10^n at or above <paramref name="v"/> (0 stays 0).</summary>
    internal static double NiceCeiling(double v)
    {
        if (v <= 0) return 0;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (m * magnitude >= v * (1 - 1e-12)) return m * magnitude;
        return 10 * magnitude;
    }

    /// <summary>An axis label: 1.5k, 2M, 3.2B; percents with %.</summary>
    internal static string Compact(double v, string unit)
    {
        string suffix = unit == "percent" ? "%" : "";
        double a = Math.Abs(v);
        var (scaled, letter) = a >= 1e9 ? (v / 1e9, "B") : a >= 1e6 ? (v / 1e6, "M") : a >= 1e4 ? (v / 1e3, "k") : (v, "");
        return scaled.ToString("0.##", CultureInfo.InvariantCulture) + letter + suffix;
    }
}
