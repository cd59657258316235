using System.Globalization;

namespace Warehouse.Etl.Core;

/// <summary>
/// A UK financial-year reporting period: April is period 1, March period 12, and period 13 is the
/// closedown (outturn) dated 31 March. <see cref="Key"/> matches dw.dim_period.period_key.
/// </summary>
public readonly record struct FiscalPeriod
{
    public FiscalPeriod(int fiscalYearStart, int period)
    {
        if (fiscalYearStart is < 2000 or > 2099)
            throw new ArgumentOutOfRangeException(nameof(fiscalYearStart), fiscalYearStart, "Financial year out of range.");
        if (period is < 1 or > 13)
            throw new ArgumentOutOfRangeException(nameof(period), period, "Period must be 1 to 13.");
        FiscalYearStart = fiscalYearStart;
        Period = period;
    }

    public int FiscalYearStart { get; }
    public int Period { get; }

    public int Key => FiscalYearStart * 100 + Period;
    public bool IsClosedown => Period == 13;
    public string FiscalYear => FiscalYearLabel(FiscalYearStart);

    /// <summary>Last day of the period; the closedown uses 31 March.</summary>
    public DateOnly PeriodEnd => IsClosedown
        ? new DateOnly(FiscalYearStart + 1, 3, 31)
        : new DateOnly(FiscalYearStart, 4, 1).AddMonths(Period).AddDays(-1);

    public string Label => IsClosedown
        ? $"Closedown {FiscalYear}"
        : new DateOnly(FiscalYearStart, 4, 1).AddMonths(Period - 1).ToString("MMM-yy", CultureInfo.InvariantCulture);

    public FiscalPeriod? Previous => Period switch
    {
        1 => null,
        13 => new FiscalPeriod(FiscalYearStart, 12),
        _ => new FiscalPeriod(FiscalYearStart, Period - 1),
    };

    public static FiscalPeriod FromDate(DateTime date)
    {
        var start = date.Month >= 4 ? date.Year : date.Year - 1;
        return new FiscalPeriod(start, (date.Month + 8) % 12 + 1);
    }

    public static FiscalPeriod FromKey(int key) => new(key / 100, key % 100);

    public static string FiscalYearLabel(int start) => $"{start}/{(start + 1) % 100:00}";

    public override string ToString() => $"{Label} (period {Period} of {FiscalYear})";
}
