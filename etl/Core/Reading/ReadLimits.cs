using Microsoft.Extensions.Configuration;

namespace Warehouse.Etl.Core.Reading;

/// <summary>
/// What one file may cost to read, so a hostile or broken file (a zip bomb, twenty million shared strings,
/// a sheet a million columns wide) is refused in one sentence instead of exhausting the machine. The defaults
/// are far above any council return or ledger extract; each can be changed under <c>Warehouse:Limits</c>
/// (docs/decisions.md, "Bad input").
/// </summary>
public sealed record ReadLimits
{
    /// <summary>The xlsx's parts added up after decompression.</summary>
    public long MaxDecompressedBytes { get; init; } = 1L << 30;

    /// <summary>Rows of one sheet or csv file.</summary>
    public int MaxRows { get; init; } = 5_000_000;

    /// <summary>Cells across one row.</summary>
    public int MaxColumns { get; init; } = 1_000;

    /// <summary>Distinct strings of an xlsx (ExcelDataReader holds them all in memory).</summary>
    public int MaxSharedStrings { get; init; } = 5_000_000;

    private static ReadLimits _current = new();

    /// <summary>The limits every read uses (set once at start-up from configuration).</summary>
    public static ReadLimits Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value ?? new ReadLimits());
    }

    /// <summary>Reads <c>Warehouse:Limits:MaxDecompressedMegabytes</c>, <c>MaxRows</c>, <c>MaxColumns</c>, <c>MaxSharedStrings</c>.</summary>
    public static void Configure(IConfiguration configuration)
    {
        var section = configuration.GetSection("Warehouse:Limits");
        var defaults = new ReadLimits();
        Current = new ReadLimits
        {
            MaxDecompressedBytes = Positive(section["MaxDecompressedMegabytes"], defaults.MaxDecompressedBytes >> 20) << 20,
            MaxRows = (int)Positive(section["MaxRows"], defaults.MaxRows),
            MaxColumns = (int)Positive(section["MaxColumns"], defaults.MaxColumns),
            MaxSharedStrings = (int)Positive(section["MaxSharedStrings"], defaults.MaxSharedStrings),
        };

        static long Positive(string? text, long fallback) =>
            long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is > 0 and <= int.MaxValue ? value : fallback;
    }
}
