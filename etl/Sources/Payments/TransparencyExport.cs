using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace Warehouse.Etl.Sources.Payments;

/// <summary>One payment line of the council's own file, as report.spend_over_500 holds it (names as the view's columns).</summary>
public sealed class TransparencyLine
{
    public string body { get; init; } = "";
    public string? service_area { get; init; }
    public string? category { get; init; }
    public string? expenditure_code { get; init; }
    /// <summary>DateOnly from Npgsql, DateTime from SqlClient.</summary>
    public object? paid_date { get; init; }
    public string? transaction_number { get; init; }
    public string supplier { get; init; } = "";
    public string? supplier_id { get; init; }
    public decimal amount { get; init; }
    public decimal? irrecoverable_vat { get; init; }
    public string? capital_revenue { get; init; }
    public string? merchant_category { get; init; }
    public int is_redacted { get; init; }

    public string? PaidDateText => paid_date switch
    {
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => null,
    };
}

/// <summary>What a transparency file holds and what it left out, for its summary.</summary>
public sealed record TransparencyResult(string CsvPath, string SummaryPath, int Published, decimal PublishedAmount, int Redacted,
    decimal RedactedAmount, int CreditNotes, decimal CreditNoteAmount, int AtOrUnder500, decimal AtOrUnder500Amount, int Loaded, decimal LoadedAmount);

/// <summary>
/// The council's own spend-over-£500 file for a quarter, written from the warehouse's payments in the Code's
/// fields (docs/formats/payments.md §7): payments to individuals redacted, lines of £500 or less and credit notes
/// excluded, and a summary of both so the file reconciles to what the warehouse holds.
/// </summary>
public static class TransparencyExport
{
    public const decimal Threshold = 500m;

    public static readonly string[] Header =
    [
        "Body Name", "Service Area", "Expenditure Category", "Expenditure Code", "Date Paid", "Transaction Number",
        "Supplier Name", "Supplier ID", "Amount", "Irrecoverable VAT", "Capital or Revenue", "Merchant Category",
    ];

    public static async Task<IReadOnlyList<string>> BodiesAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition("SELECT body_name FROM dw.dim_body ORDER BY body_name",
            cancellationToken: cancellationToken))).ToList();

    /// <summary>Where the file and its summary for a body and quarter are written.</summary>
    public static (string Csv, string Summary) PathsFor(string body, FiscalQuarter quarter, string folder)
    {
        var stem = $"spend-over-500-{Slug(body)}-{quarter.Label}";
        return (Path.Combine(folder, stem + ".csv"), Path.Combine(folder, stem + "-summary.txt"));
    }

    /// <summary>Writes the file and its summary; null when the warehouse holds no payment of the body in the quarter.</summary>
    public static async Task<TransparencyResult?> WriteAsync(DbConnection connection, string body, FiscalQuarter quarter, string folder,
        DateTimeOffset writtenAt, CancellationToken cancellationToken)
    {
        var lines = (await connection.QueryAsync<TransparencyLine>(new CommandDefinition("""
            SELECT body, service_area, category, expenditure_code, paid_date, transaction_number, supplier, supplier_id, amount,
                   irrecoverable_vat, capital_revenue, merchant_category, is_redacted
            FROM report.spend_over_500
            WHERE body = @body AND fiscal_year_start = @year AND fiscal_quarter = @quarter
            ORDER BY paid_date, transaction_number, source_row
            """, new { body, year = quarter.FiscalYearStart, quarter = quarter.Quarter }, cancellationToken: cancellationToken))).ToList();
        if (lines.Count == 0)
            return null;

        var published = lines.Where(l => l.amount > Threshold).ToList();
        var creditNotes = lines.Where(l => l.amount < 0).ToList();
        var small = lines.Where(l => l.amount is >= 0 and <= Threshold).ToList();
        var redacted = published.Where(l => l.is_redacted == 1).ToList();
        var (csvPath, summaryPath) = PathsFor(body, quarter, folder);

        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header)).Append('\n');
        foreach (var line in published)
        {
            var isRedacted = line.is_redacted == 1;
            string?[] cells =
            [
                line.body, line.service_area, line.category, line.expenditure_code,
                line.PaidDateText, line.transaction_number,
                isRedacted ? PaymentsReader.RedactedName : line.supplier, isRedacted ? null : line.supplier_id,
                Money(line.amount), line.irrecoverable_vat is { } vat ? Money(vat) : null, line.capital_revenue is { } cr ? Capitalise(cr) : null,
                line.merchant_category,
            ];
            csv.Append(string.Join(',', cells.Select(Quote))).Append('\n');
        }
        await File.WriteAllTextAsync(csvPath, csv.ToString(), new UTF8Encoding(false), cancellationToken);

        var result = new TransparencyResult(csvPath, summaryPath, published.Count, published.Sum(l => l.amount), redacted.Count,
            redacted.Sum(l => l.amount), creditNotes.Count, creditNotes.Sum(l => l.amount), small.Count, small.Sum(l => l.amount),
            lines.Count, lines.Sum(l => l.amount));
        await File.WriteAllTextAsync(summaryPath, Summary(result, body, quarter, writtenAt), new UTF8Encoding(false), cancellationToken);
        return result;
    }

    private static string Summary(TransparencyResult r, string body, FiscalQuarter quarter, DateTimeOffset writtenAt) => string.Create(CultureInfo.InvariantCulture, $"""
        Spend over £500: {body}, {quarter.Label} ({quarter.FirstDay:d MMMM yyyy} to {quarter.LastDay:d MMMM yyyy})
        Written from the warehouse at {writtenAt:yyyy-MM-dd HH:mm} UTC (Local Government Transparency Code 2015).

        Published:  {r.Published,5} payments  £{r.PublishedAmount,14:N2}
        Redacted:   {r.Redacted,5} payments  £{r.RedactedAmount,14:N2}  payments to individuals (personal data): supplier written as {PaymentsReader.RedactedName}, supplier id left blank; included above
        Excluded:   {r.CreditNotes,5} credit notes  £{r.CreditNoteAmount,14:N2}  not expenditure over £500
                    {r.AtOrUnder500,5} lines of £500 or less  £{r.AtOrUnder500Amount,14:N2}
        Warehouse:  {r.Loaded,5} lines  £{r.LoadedAmount,14:N2}  = published + excluded

        """);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Quote(string? cell) =>
        cell is null ? "" : cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    private static string Slug(string text) =>
        string.Join('-', Cells.NameKey(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
