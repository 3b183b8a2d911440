using System.Globalization;

namespace ExecutionPlans.Benchmarks;

/// <summary>Minimum, median and maximum of a set of figures.</summary>
internal sealed record Statistics(double Min, double Median, double Max)
{
    public static Statistics Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Statistics(double.NaN, double.NaN, double.NaN);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Statistics(sorted[0], median, sorted[^1]);
    }

    public string Format(string unitFormat) =>
        string.Create(CultureInfo.InvariantCulture, $"{Min.ToString(unitFormat, CultureInfo.InvariantCulture),9} {Median.ToString(unitFormat, CultureInfo.InvariantCulture),9} {Max.ToString(unitFormat, CultureInfo.InvariantCulture),9}");
}
