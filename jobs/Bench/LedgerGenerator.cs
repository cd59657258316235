using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Warehouse.Jobs.Bench;

/// <summary>One synthetic GL row: what the generator writes and what the raw baseline copies.</summary>
public sealed record BenchGlRow(string CostCentre, string Account, string AccountName, string FiscalYear, int Period, decimal Budget, decimal Actual);

/// <summary>
/// A synthetic general-ledger extract in the format of docs/formats/finance.md §4 (cost centre × account,
/// pounds with pence, a Total row), and an organisation reference that knows its cost centres. Rows are
/// produced lazily and written as they are produced (a streamed zip for xlsx), so 1M rows never sit in memory.
/// The values are deterministic for a row count; a run label in the title row makes each run's bytes new.
/// </summary>
public sealed class LedgerGenerator(long rows, string runLabel, int period = LedgerGenerator.Period, long changedRow = -1)
{
    /// <summary>Accounts per cost centre: a cost centre × account pair appears once, as in a real extract.</summary>
    public const int AccountsPerCostCentre = 500;
    public const int CostCentresPerLine = 10;
    public const int FiscalYearStart = 2018;
    /// <summary>September (P6): a period with no published figures to compare against.</summary>
    public const int Period = 6;

    /// <summary>The period of the generated rows (<see cref="Period"/> unless another is asked for).</summary>
    public int RowPeriod => period;

    public static readonly string[] Header = ["Cost Centre", "Account", "Account Name", "Fiscal Year", "Period", "Budget", "Actual"];

    public long Rows => rows;
    public int CostCentres => (int)((rows + AccountsPerCostCentre - 1) / AccountsPerCostCentre);
    public string Title => $"Period {period} {FiscalYearLabel} (synthetic ledger, run {runLabel}{(changedRow >= 0 ? $", row {changedRow + 1} restated" : "")})";
    private static string FiscalYearLabel => $"{FiscalYearStart}/{(FiscalYearStart + 1) % 100:00}";

    public static string CostCentreCode(int index) => $"X{index:D6}";

    public IEnumerable<BenchGlRow> GlRows()
    {
        for (long i = 0; i < rows; i++)
        {
            var costCentre = (int)(i / AccountsPerCostCentre);
            var account = (int)(i % AccountsPerCostCentre);
            var income = account % 7 == 6;
            // Pence-precise amounts from a cheap deterministic hash; income is negative, as in the ledger. Lines
            // up to £50,000 keep the Total row of 10M rows (≈ £2.5 × 10^11) inside the warehouse's figure limit
            // (10^12, Cells.MaxMagnitude), as a real council's ledger is.
            var h = (ulong)(i + 1) * 0x9E3779B97F4A7C15UL;
            var budget = (decimal)(long)(h % 50_000_00UL) / 100m;
            var actual = (decimal)(long)((h >> 20) % 25_000_00UL) / 100m;
            if (income)
            {
                budget = -budget;
                actual = -actual;
            }
            if (i == changedRow)
                budget += 1.00m; // a corrected extract: one line's budget a pound different
            yield return new BenchGlRow(CostCentreCode(costCentre), (10000 + account).ToString(CultureInfo.InvariantCulture),
                income ? "Income" : $"Subjective {account % 40}", FiscalYearLabel, period, budget, actual);
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

    /// <summary>
    /// A copy of a generated csv under another title (its first line), so the same rows are new bytes for the
    /// registry: each repetition of the bench loads a file the warehouse has not seen.
    /// </summary>
    public static void WriteRetitled(string source, string path, string runLabel)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        while (input.ReadByte() is var b && b != '\n')
            if (b < 0)
                throw new InvalidDataException($"{source} has no line after its title.");
        var title = Encoding.UTF8.GetBytes($"Synthetic ledger (copy {runLabel})\n");
        output.Write(title);
        input.CopyTo(output, 1 << 20);
    }

    /// <summary>
    /// Streams the workbook: a zip in Create mode, entry by entry, the sheet written with an XmlWriter.
    /// (OpenXmlWriter needs a package opened for read-write, and System.IO.Packaging then keeps every part in
    /// memory until it is closed: 700 MB at 1M rows.)
    /// </summary>
    public void WriteXlsx(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        void Part(string name, string xml)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        Part("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
            """);
        Part("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="GL" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Part("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """);

        using var xml = XmlWriter.Create(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(),
            new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        xml.WriteStartDocument(true);
        xml.WriteStartElement("worksheet", ns);
        xml.WriteStartElement("sheetData", ns);
        var rowIndex = 0;
        void Cell(string? value, bool text)
        {
            xml.WriteStartElement("c", ns);
            if (value is not null)
            {
                if (text)
                {
                    xml.WriteAttributeString("t", "inlineStr");
                    xml.WriteStartElement("is", ns);
                    xml.WriteElementString("t", ns, value);
                    xml.WriteEndElement();
                }
                else
                    xml.WriteElementString("v", ns, value);
            }
            xml.WriteEndElement();
        }
        void Row(params (string? Value, bool Text)[] cells)
        {
            xml.WriteStartElement("row", ns);
            xml.WriteAttributeString("r", (++rowIndex).ToString(CultureInfo.InvariantCulture));
            foreach (var (value, text) in cells)
                Cell(value, text);
            xml.WriteEndElement();
        }
        Row((Title, true));
        Row(Header.Select(h => ((string?)h, true)).ToArray());
        decimal budget = 0, actual = 0;
        foreach (var row in GlRows())
        {
            budget += row.Budget;
            actual += row.Actual;
            Row((row.CostCentre, true), (row.Account, false), (row.AccountName, true), (row.FiscalYear, true),
                (row.Period.ToString(CultureInfo.InvariantCulture), false),
                (row.Budget.ToString("0.00", CultureInfo.InvariantCulture), false), (row.Actual.ToString("0.00", CultureInfo.InvariantCulture), false));
        }
        Row(("Total", true), (null, false), (null, false), (null, false), (null, false),
            (budget.ToString("0.00", CultureInfo.InvariantCulture), false), (actual.ToString("0.00", CultureInfo.InvariantCulture), false));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
