using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Warehouse.Jobs.Bench;

/// <summary>One synthetic GL row: what the generator writes and what the raw baseline copies.</summary>
public sealed record BenchGlRow(string CostCentre, string Account, string AccountName, string FiscalYear, int Period, decimal Budget, decimal Actual);

/// <summary>
/// A synthetic general-ledger extract in the format of docs/formats/finance.md §4 (cost centre × account,
/// pounds with pence, a Total row), and an organisation reference that knows its cost centres. Rows are
/// produced lazily and written as they are produced (OpenXmlWriter for xlsx), so 1M rows never sit in memory.
/// The values are deterministic for a row count; a run label in the title row makes each run's bytes new.
/// </summary>
public sealed class LedgerGenerator(long rows, string runLabel)
{
    /// <summary>Accounts per cost centre: a cost centre × account pair appears once, as in a real extract.</summary>
    public const int AccountsPerCostCentre = 500;
    public const int CostCentresPerLine = 10;
    public const int FiscalYearStart = 2018;
    /// <summary>September (P6): a period with no published figures to compare against.</summary>
    public const int Period = 6;

    public static readonly string[] Header = ["Cost Centre", "Account", "Account Name", "Fiscal Year", "Period", "Budget", "Actual"];

    public long Rows => rows;
    public int CostCentres => (int)((rows + AccountsPerCostCentre - 1) / AccountsPerCostCentre);
    public string Title => $"Period {Period} {FiscalYearLabel} (synthetic ledger, run {runLabel})";
    private static string FiscalYearLabel => $"{FiscalYearStart}/{(FiscalYearStart + 1) % 100:00}";

    public static string CostCentreCode(int index) => $"X{index:D6}";

    public IEnumerable<BenchGlRow> GlRows()
    {
        for (long i = 0; i < rows; i++)
        {
            var costCentre = (int)(i / AccountsPerCostCentre);
            var account = (int)(i % AccountsPerCostCentre);
            var income = account % 7 == 6;
            // Pence-precise amounts from a cheap deterministic hash; income is negative, as in the ledger.
            var h = (ulong)(i + 1) * 0x9E3779B97F4A7C15UL;
            var budget = (decimal)(long)(h % 5_000_000_00UL) / 100m;
            var actual = (decimal)(long)((h >> 20) % 2_500_000_00UL) / 100m;
            if (income)
            {
                budget = -budget;
                actual = -actual;
            }
            yield return new BenchGlRow(CostCentreCode(costCentre), (10000 + account).ToString(CultureInfo.InvariantCulture),
                income ? "Income" : $"Subjective {account % 40}", FiscalYearLabel, Period, budget, actual);
        }
    }

    public (decimal Budget, decimal Actual) Totals()
    {
        decimal budget = 0, actual = 0;
        foreach (var row in GlRows())
        {
            budget += row.Budget;
            actual += row.Actual;
        }
        return (budget, actual);
    }

    /// <summary>The organisation reference for the generated cost centres (one budget line per ten).</summary>
    public void WriteOrganisationCsv(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("effective_from,directorate,service_group,budget_line_code,budget_line,line_type,committee,dsg_funded,pooled_budget,cost_centre_code,cost_centre,sort_order\n");
        for (var c = 0; c < CostCentres; c++)
        {
            var line = c / CostCentresPerLine;
            writer.Write($"{FiscalYearLabel},Bench Directorate {line % 5},,B{line:D5},Bench line {line},expenditure,Adults,N,,{CostCentreCode(c)},Bench cost centre {c},{line + 1}\n");
        }
    }

    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Title);
        writer.Write('\n');
        writer.Write(string.Join(',', Header));
        writer.Write('\n');
        decimal budget = 0, actual = 0;
        foreach (var row in GlRows())
        {
            budget += row.Budget;
            actual += row.Actual;
            writer.Write(row.CostCentre); writer.Write(',');
            writer.Write(row.Account); writer.Write(',');
            writer.Write(row.AccountName); writer.Write(',');
            writer.Write(row.FiscalYear); writer.Write(',');
            writer.Write(row.Period.ToString(CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write(row.Budget.ToString("0.00", CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write(row.Actual.ToString("0.00", CultureInfo.InvariantCulture)); writer.Write('\n');
        }
        writer.Write($"Total,,,,,{budget.ToString("0.00", CultureInfo.InvariantCulture)},{actual.ToString("0.00", CultureInfo.InvariantCulture)}\n");
    }

    /// <summary>Streams the sheet with OpenXmlWriter: memory stays flat whatever the row count.</summary>
    public void WriteXlsx(string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            uint rowIndex = 0;
            void TextRow(params string?[] cells)
            {
                writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                foreach (var text in cells)
                    WriteText(writer, text);
                writer.WriteEndElement();
            }
            TextRow(Title);
            TextRow(Header);
            decimal budget = 0, actual = 0;
            foreach (var row in GlRows())
            {
                budget += row.Budget;
                actual += row.Actual;
                writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
                WriteText(writer, row.CostCentre);
                WriteNumber(writer, row.Account);
                WriteText(writer, row.AccountName);
                WriteText(writer, row.FiscalYear);
                WriteNumber(writer, row.Period.ToString(CultureInfo.InvariantCulture));
                WriteNumber(writer, row.Budget.ToString("0.00", CultureInfo.InvariantCulture));
                WriteNumber(writer, row.Actual.ToString("0.00", CultureInfo.InvariantCulture));
                writer.WriteEndElement();
            }
            writer.WriteStartElement(new Row { RowIndex = ++rowIndex });
            WriteText(writer, "Total");
            for (var i = 0; i < 4; i++)
                WriteText(writer, null);
            WriteNumber(writer, budget.ToString("0.00", CultureInfo.InvariantCulture));
            WriteNumber(writer, actual.ToString("0.00", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement(); // SheetData
            writer.WriteEndElement(); // Worksheet
        }
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "GL" }));
        workbookPart.Workbook.Save();
    }

    private static readonly List<OpenXmlAttribute> InlineString = [new("t", "", "inlineStr")];

    private static void WriteText(OpenXmlWriter writer, string? text)
    {
        if (text is null)
        {
            writer.WriteElement(new Cell());
            return;
        }
        writer.WriteStartElement(new Cell(), InlineString);
        writer.WriteElement(new InlineString(new Text(text)));
        writer.WriteEndElement();
    }

    private static void WriteNumber(OpenXmlWriter writer, string value)
    {
        writer.WriteStartElement(new Cell());
        writer.WriteElement(new CellValue(value));
        writer.WriteEndElement();
    }
}
