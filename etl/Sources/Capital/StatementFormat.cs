namespace Warehouse.Etl.Sources.Capital;

/// <summary>The papers a figure is printed in (dw.dim_publication, reference 0404_publications.csv).</summary>
public static class Publication
{
    public const short Fpr = 1, Irpr = 2;
}

/// <summary>How a figure column is read: an amount (£, scaled when headed £000) or a percentage.</summary>
public enum FigureKind { Money, Percent }

/// <summary>
/// A figure column of a printed statement: its stored measure name, whether every detail row must give it,
/// and the header texts councils type for it. Percentages are never totalled.
/// </summary>
public sealed record StatementMeasure(string Key, bool Required, FigureKind Kind, params string[] Synonyms)
{
    public bool Totalled => Kind == FigureKind.Money;
}

/// <summary>
/// One printed table as a return (docs/formats/capital.md): the statement it fills, the paper it reproduces,
/// the row types it allows (as typed → as stored), and its figure columns. Rows of type subtotal or total are the
/// printed totals: each must equal the detail rows above it (of its service, when it names one) within rounding.
/// </summary>
public sealed record StatementFormat(
    string Source,
    string Description,
    string Statement,
    short PublicationKey,
    string[] LineSynonyms,
    bool LineIsService,
    IReadOnlyDictionary<string, string> RowTypes,
    IReadOnlyList<StatementMeasure> Measures,
    bool HasStatus = false)
{
    public const string Subtotal = "subtotal", Total = "total";

    public static bool IsTotal(string rowType) => rowType is Subtotal or Total;
}
