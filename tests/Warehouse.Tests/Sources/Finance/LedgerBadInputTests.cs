using System.Globalization;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Finance;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>
/// The bad-input corpus for the general-ledger extract (`finance-gl`): money, periods, keys and control
/// totals. The organisation reference and, where it matters, a good May 2018 ledger are loaded first, so
/// "unchanged" means the loaded slice survives the refused restatement.
/// </summary>
public abstract class LedgerBadInputTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string Header = "Cost Centre,Account,Account Name,Fiscal Year,Period,Budget,Actual";
    private static readonly object?[] HeaderCells = Header.Split(',');

    private static string Row(string cc = "C10101", string account = "1000", string period = "2", string budget = "1000.00", string actual = "250.00",
        string year = "2018/19") => $"{cc},{account},Employees,{year},{period},{budget},{actual}";

    private static object?[] Cells(string cc, string account, object? budget, object? actual = null, object? period = null) =>
        [cc, double.Parse(account), "Employees", "2018/19", period ?? 2d, budget, actual ?? 250d];

    private Task<(LoadOutcome Outcome, List<Rejection> Rows)> RefuseAsync(string path, LoadStatus expected = LoadStatus.Rejected) =>
        Refusals.RefuseAsync(Provider, new GeneralLedgerSource(), path, expected);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var reference = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(),
            RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"));
        Assert.Equal(LoadStatus.Loaded, reference.Status);
    }

    private async Task LoadMay2018Async()
    {
        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new GeneralLedgerSource(),
            RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv"));
        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
    }

    // A few rows restating the loaded May 2018 lack its other cost centres: the restatement guard says so as well.
    private static List<Rejection> BesidesTheGuard(List<Rejection> rows)
    {
        var guard = Assert.Single(rows, r => r.reason.Contains("--replace-all", StringComparison.Ordinal));
        Assert.Null(guard.row_number);
        return rows.Where(r => r != guard).ToList();
    }

    private static (int? Row, string? Column) Place(Rejection r) => (r.row_number, r.column_name);

    [SkippableFact]
    public async Task Load_Rejects_TextInAMoneyColumn()
    {
        await LoadMay2018Async();
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl-2018-05.csv", [Header, Row(), Row(account: "4000", budget: "n/a")]));

        var rejection = Assert.Single(BesidesTheGuard(rows));
        Assert.Equal(("gl-2018-05", 3, "Budget", "n/a", "is not a number"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value, rejection.reason));
    }

    [SkippableFact]
    public async Task Load_Rejects_DatesInMoneyColumns_AsTextAndAsExcelDates()
    {
        var path = LedgerFiles.Xlsx("gl.xlsx", "GL", [HeaderCells, Cells("C10101", "1000", "May-18"), Cells("C10101", "4000", 10d, new DateTime(2018, 5, 31))]);

        var (_, rows) = await RefuseAsync(path);

        Assert.Equal([(2, "Budget"), (3, "Actual")], rows.Select(Place));
        Assert.Equal("May-18", rows[0].value);
        Assert.Equal("is a date where a number is expected", rows[1].reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_FormulaErrorInAMoneyColumn()
    {
        var path = LedgerFiles.Xlsx("gl.xlsx", "GL",
            [["Finance system extract"], HeaderCells, Cells("C10101", "1000", 10d), Cells("C10101", "4000", new FormulaError("#DIV/0!"))]);

        var (_, rows) = await RefuseAsync(path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("GL", 4, "Budget", "#DIV/0!"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
    }

    [SkippableFact]
    public async Task Load_Rejects_EmptyAmount()
    {
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl.csv", [Header, Row(actual: "")]));

        Assert.Equal((2, "Actual"), Place(Assert.Single(rows)));
    }

    [SkippableFact]
    public async Task Load_Rejects_PeriodInTitleThatDisagreesWithTheRows()
    {
        var path = LedgerFiles.Xlsx("gl-2018-06.xlsx", "GL", [["Finance system extract"], ["Period 3 2018/19 (Jun-18)"], [], HeaderCells, Cells("C10101", "1000", 10d)]);

        var (_, rows) = await RefuseAsync(path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("GL", 5, "Period"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains("the title says Jun-18", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_RowsOfTwoPeriodsInOneFile()
    {
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl.csv", [Header, Row(), Row(account: "4000", period: "3")]));

        Assert.Equal((3, "Period"), Place(Assert.Single(rows)));
    }

    [SkippableFact]
    public async Task Load_Rejects_NegativePeriod()
    {
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl.csv", [Header, Row(period: "-2")]));

        var rejection = Assert.Single(rows);
        Assert.Equal((2, "Period"), Place(rejection));
        Assert.Contains("1 to 13", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_PeriodOutsideTheWarehouseCalendar()
    {
        // The fact does not enforce its period key (migration 0150), so the source must refuse it cleanly.
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl.csv", [Header, Row(year: "2035/36")]));

        var rejection = Assert.Single(rows);
        Assert.Equal(("Period", "May-35"), (rejection.column_name, rejection.value));
        Assert.Contains("not a period of the warehouse calendar", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_UnknownCostCentre()
    {
        await LoadMay2018Async();
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl-2018-05.csv", [Header, Row(), Row(cc: "C99999")]));

        var rejection = Assert.Single(BesidesTheGuard(rows));
        Assert.Equal(("gl-2018-05", 3, "Cost Centre", "C99999"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
    }

    [SkippableFact]
    public async Task Load_Rejects_UnknownCostCentre_NamingTheSheetAndTheColumnAsTheWorkbookSpellsThem()
    {
        await LoadMay2018Async();
        object?[] header = ["CC", "Subjective", "Account Name", "Fiscal Year", "Period", "Budget", "Actual"];
        var path = LedgerFiles.Xlsx("gl-2018-05.xlsx", "Ledger May", [header, Cells("C10101", "1000", 10d), Cells("C99999", "1000", 10d)]);

        var (_, rows) = await RefuseAsync(path);

        var rejection = Assert.Single(BesidesTheGuard(rows));
        Assert.Equal(("Ledger May", 3, "CC", "C99999"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
    }

    [SkippableFact]
    public async Task Load_Rejects_AccountCodeLongerThanTheWarehouseHolds_NamingTheRow()
    {
        await LoadMay2018Async();
        var tooLong = new string('7', 25); // dw.fact_ledger.account_code holds 20
        var (outcome, rows) = await RefuseAsync(LedgerFiles.Csv("gl-2018-05.csv", [Header, Row(), Row(account: "4000"), Row(account: tooLong)]));

        var rejection = Assert.Single(rows);
        Assert.Equal(("gl-2018-05", 4, "account_code", tooLong), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("25 characters", rejection.reason);
        Assert.Contains("at most 20", rejection.reason);
        Assert.Equal(LoadStatus.Rejected, outcome.Status);
    }

    [SkippableFact]
    public async Task Load_Rejects_UnquotedCommaInAnAccountName_NamingTheCellBeyondTheHeader()
    {
        await LoadMay2018Async();
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl-2018-05.csv", [Header, Row(), "C10101,4000,Supplies, Services,2018/19,2,100.00,10.00"]));

        var rejection = Assert.Single(BesidesTheGuard(rows));
        Assert.Equal(("gl-2018-05", 3, "column 8", "10.00"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("more cells than the header", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_DuplicateCostCentreAndAccount()
    {
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl.csv", [Header, Row(), Row(account: "4000"), Row(budget: "5.00")]));

        var rejection = Assert.Single(rows);
        Assert.Equal((4, "Cost Centre"), Place(rejection));
        Assert.Contains("first at row 2", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_TotalRowThatDoesNotAddUp()
    {
        await LoadMay2018Async();
        var (_, rows) = await RefuseAsync(BadFiles.Csv("gl-2018-05.csv", [Header, Row(), Row(account: "4000"), "Total,,,,,2000.01,500.00"]));

        var rejection = Assert.Single(BesidesTheGuard(rows));
        Assert.Equal((4, "Budget", "2000.01"), (rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("does not add up", rejection.reason);
    }

    [SkippableTheory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public async Task Load_StoresTheRejectionWithPointDecimals_WhenTheMachineCultureWritesCommas(string culture)
    {
        await LoadMay2018Async();
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            // The culture is real (ICU present): it writes a decimal comma, so the assertions below can fail.
            Assert.Equal("2000,01", 2000.01m.ToString(CultureInfo.CurrentCulture));

            var (outcome, rows) = await RefuseAsync(BadFiles.Csv("gl-2018-05.csv", [Header, Row(), Row(account: "4000"), "Total,,,,,2000.01,500.00"]));

            var rejection = Assert.Single(BesidesTheGuard(rows));
            Assert.Equal("2000.01", rejection.value);
            Assert.Equal("the Total row does not add up: the rows sum to 2000.00", rejection.reason);
            Assert.Contains("2000.01", outcome.Message);
            Assert.Equal(culture, CultureInfo.CurrentCulture.Name); // the load's invariant culture did not leak out
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [SkippableFact]
    public async Task Load_Rejects_CsvExtractWithoutItsTotalRow_NamingTheFile()
    {
        // The sample cut short before its Total row, as a transfer that stopped would leave it.
        var lines = File.ReadLines(RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv")).Where(l => !l.StartsWith("Total,", StringComparison.Ordinal));

        var (outcome, rows) = await RefuseAsync(BadFiles.Csv("gl-2018-05.csv", lines));

        var rejection = Assert.Single(rows);
        Assert.Equal(("gl-2018-05", null, "Cost Centre"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains("has no Total row: the GL extract format requires `Total,,,,,<sum of Budget>,<sum of Actual>` as its last row", rejection.reason);
        Assert.StartsWith("gl-2018-05.csv", outcome.Message);
        Assert.Equal(0L, await Provider.ScalarAsync<long>("SELECT CAST(COUNT(*) AS bigint) FROM dw.fact_ledger"));
    }

    [SkippableFact]
    public async Task Load_Rejects_WorkbookWithoutItsTotalRow_NamingTheSheet()
    {
        var path = BadFiles.Xlsx("gl-2018-05.xlsx", "GL", [["Finance system extract"], HeaderCells, Cells("C10101", "1000", 10d), Cells("C10101", "4000", 20d)]);

        var (_, rows) = await RefuseAsync(path);

        var rejection = Assert.Single(rows);
        Assert.Equal(("GL", null, "Cost Centre"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains("requires `Total,,,,,<sum of Budget>,<sum of Actual>` as its last row", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_AmountsWithAThousandsSeparator_AtTheirCells()
    {
        await LoadMay2018Async();
        // Quoted, as a csv must quote a cell with a comma; in a workbook a text cell.
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl-2018-05.csv", [Header, Row(), Row(account: "4000", budget: "\"1,234.56\"")]));
        var (_, cells) = await RefuseAsync(LedgerFiles.Xlsx("gl.xlsx", "GL", [HeaderCells, Cells("C10101", "1000", 10d), Cells("C10101", "4000", 10d, "2,500.00")]));

        var rejection = Assert.Single(BesidesTheGuard(rows));
        Assert.Equal(("gl-2018-05", 3, "Budget", "1,234.56"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Equal("has a thousands separator; the GL extract format writes figures without one (e.g. 1234.56)", rejection.reason);
        var cell = Assert.Single(BesidesTheGuard(cells));
        Assert.Equal(("GL", 3, "Actual", "2,500.00"), (cell.sheet, cell.row_number, cell.column_name, cell.value));
        Assert.Contains("thousands separator", cell.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_AmountWithMoreThanTwoDecimals_AtItsCell()
    {
        var (_, rows) = await RefuseAsync(LedgerFiles.Csv("gl.csv", [Header, Row(), Row(account: "4000", actual: "250.005")]));

        var rejection = Assert.Single(rows);
        Assert.Equal((3, "Actual", "250.005"), (rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("more than 2 decimal places; the GL extract format gives pounds and pence", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_RowsAfterTheTotalRow()
    {
        var (_, rows) = await RefuseAsync(BadFiles.Csv("gl.csv", [Header, Row(), "Total,,,,,1000.00,250.00", Row(account: "4000")]));

        Assert.Equal((4, "Cost Centre"), Place(Assert.Single(rows)));
    }

    [SkippableFact]
    public async Task Load_Rejects_CsvWithAStrayQuote_NamingTheRow()
    {
        var (_, rows) = await RefuseAsync(BadFiles.Csv("gl.csv", [Header, Row(), "C10101,4000,\"Supplies\" and Services,2018/19,2,1.00,1.00", Row(account: "5000")]));

        var rejection = Assert.Single(rows);
        Assert.Equal(("gl", 3), (rejection.sheet, rejection.row_number));
        Assert.Contains("the CSV cannot be read from this row on", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_HeaderOnly()
    {
        var (_, rows) = await RefuseAsync(BadFiles.Csv("gl.csv", [Header]));

        Assert.Equal(1, Assert.Single(rows).row_number);
    }

    [SkippableFact]
    public async Task Load_Rejects_RepeatedLineEarlyInALargeExtract_AndStillNamesTheErrorsAfterIt()
    {
        // The primary key refuses the repeat (PostgreSQL says so when the copy completes, SQL Server at the end
        // of a 10,000-row batch, when the load reads on); the load undoes the copy, collects the rest of the
        // file's errors, then reads the file again to name the repeat and its first row.
        const int dataRows = 40_000, repeatRow = 300, badRow = 39_990;
        var costCentres = File.ReadLines(RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv"))
            .Skip(1).Select(l => l.Split(',')[0]).Where(c => c != "Total").Distinct().ToList();
        string Line(int row) => Row(cc: costCentres[row % costCentres.Count], account: (10000 + row / costCentres.Count).ToString(),
            budget: row == badRow ? "12O0.00" : "1200.00");
        var path = Path.Combine(BadFiles.Folder(), "gl-2018-05.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine(Header);
            for (var row = 2; row <= dataRows + 1; row++)
                writer.WriteLine(row == repeatRow ? Line(2) : Line(row));
            writer.WriteLine("Total,,,,,0.00,0.00"); // not checked: the file has errors
        }

        var (_, rows) = await RefuseAsync(path);

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => (r.row_number, r.column_name, r.value) == (badRow, "Budget", "12O0.00"));
        var repeat = Assert.Single(rows, r => r.row_number == repeatRow);
        Assert.Contains("first at row 2", repeat.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_LargeExtract_NamingTheOneBadRowNearTheEnd()
    {
        // Rows stream into the fact while they are read; the bad row is found late and nothing is kept.
        const int dataRows = 50_000, badRow = 49_990;
        var costCentres = File.ReadLines(RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv"))
            .Skip(1).Select(l => l.Split(',')[0]).Where(c => c != "Total").Distinct().ToList();
        var path = Path.Combine(BadFiles.Folder(), "gl-2018-05.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine(Header);
            for (var row = 2; row <= dataRows + 1; row++)
                writer.WriteLine(Row(cc: costCentres[row % costCentres.Count], account: (10000 + row / costCentres.Count).ToString(),
                    budget: row == badRow ? "12O0.00" : "1200.00"));
            writer.WriteLine("Total,,,,,0.00,0.00"); // not checked: the file has errors
        }

        var (outcome, rows) = await RefuseAsync(path);

        Assert.Equal((badRow, "Budget", "12O0.00"), (Assert.Single(rows).row_number, rows[0].column_name, rows[0].value));
        Assert.Contains($"row {badRow}", outcome.Message);
    }

    [SkippableFact]
    public async Task Load_Rejects_ForecastReturnOfferedAsALedger()
    {
        var (_, rows) = await RefuseAsync(RepositoryPaths.Combine("samples", "finance", "forecast-2018-05.xlsx"));

        var rejection = Assert.Single(rows);
        Assert.Equal("Forecast", rejection.sheet);
        Assert.Contains("no header row found", rejection.reason);
    }
}

public sealed class PostgresLedgerBadInputTests : LedgerBadInputTests<PostgresProvider>;

public sealed class SqlServerLedgerBadInputTests : LedgerBadInputTests<SqlServerProvider>;
