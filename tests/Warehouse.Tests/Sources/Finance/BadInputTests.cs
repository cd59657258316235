using System.Text;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>
/// The bad-input corpus for the reference sources and the shared reader: every malformed file is refused
/// with the place of the fault (file, sheet, row, column) recorded in report.rejections, and the
/// warehouse (dw and stg) is byte-for-byte what it was before.
/// </summary>
public abstract class BadInputTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private const string OrganisationHeader =
        "effective_from,directorate,service_group,budget_line_code,budget_line,line_type,committee,dsg_funded,pooled_budget,cost_centre_code,cost_centre,sort_order";

    private static string OrgRow(string cc = "C10101", string line = "L0101", string committee = "Adults", string year = "2018/19",
        string sort = "1", string name = "Strategic Management - Adults", string dsg = "N") =>
        $"{year},Adults & Safeguarding,,{line},{name},expenditure,{committee},{dsg},,{cc},Management Team {cc},{sort}";

    private static readonly object?[] OrgHeaderCells = OrganisationHeader.Split(',');

    private static object?[] OrgCells(string cc, object? sort) =>
        ["2018/19", "Adults & Safeguarding", null, "L0101", "Strategic Management - Adults", "expenditure", "Adults", "N", null, cc, "Team " + cc, sort];

    private Task<(LoadOutcome Outcome, List<Rejection> Rows)> RefuseAsync(ISource source, string path,
        LoadStatus expected = LoadStatus.Rejected) => Refusals.RefuseAsync(Provider, source, path, expected);

    private async Task LoadReferenceSampleAsync()
    {
        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(),
            RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"));
        Assert.Equal(LoadStatus.Loaded, outcome.Status);
    }

    private static Rejection Single(List<Rejection> rows) => Assert.Single(rows);

    // ---- whole-file problems --------------------------------------------------------------------

    [SkippableFact]
    public async Task Load_Rejects_ZeroByteUpload()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Bytes("organisation.csv", []));

        Assert.Contains("the file is empty (0 bytes)", Single(rows).reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_CsvWithNoRows()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Csv("organisation.csv", "\n\n"));

        Assert.Matches("no rows|no header row", Single(rows).reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_CorruptZip_TruncatedXlsx()
    {
        var good = BadFiles.Xlsx("whole.xlsx", "Reference", [OrgHeaderCells, OrgCells("C10101", 1d)]);
        var bytes = File.ReadAllBytes(good);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Bytes("organisation.xlsx", bytes[..(bytes.Length / 2)]));

        Assert.Contains("not a readable workbook", Single(rows).reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_PdfRenamedAsXlsx()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Bytes("organisation.xlsx", pdf));

        Assert.Contains("not a readable workbook", Single(rows).reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_FileTypeThatIsNotRead()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Bytes("organisation.pdf", Encoding.ASCII.GetBytes("%PDF-1.4")));

        Assert.Contains("files of type '.pdf' are not read", Single(rows).reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_PasswordProtectedWorkbook()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.PasswordProtectedXlsx("organisation.xlsx"));

        Assert.Contains("password-protected", Single(rows).reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_TitleRowsOnly_NamingTheSheet()
    {
        var path = BadFiles.Xlsx("organisation.xlsx", "Reference", [["Organisation reference"], ["Effective 2018/19"], [], ["Prepared by Finance"]]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        var rejection = Single(rows);
        Assert.Equal("Reference", rejection.sheet);
        Assert.Contains("no header row found", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_MissingRequiredColumn_NamingSheetRowAndColumn()
    {
        var header = OrganisationHeader.Replace(",cost_centre_code", "");
        var path = BadFiles.Csv("organisation.csv", [header, "2018/19,Adults & Safeguarding,,L0101,Strategic Management,expenditure,Adults,N,,Team,1"]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        var rejection = Single(rows);
        Assert.Equal("organisation", rejection.sheet);
        Assert.Equal(1, rejection.row_number); // the closest candidate for the header
        Assert.Contains("missing column(s) 'cost_centre_code'", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_AnotherSourcesFile_WrongHeaders()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), RepositoryPaths.Combine("samples", "finance", "gl-2018-05.csv"));

        var reason = Single(rows).reason;
        Assert.Contains("no header row found", reason);
        Assert.Contains("'effective_from'", reason);
    }

    // ---- cell problems --------------------------------------------------------------------------

    [SkippableFact]
    public async Task Load_Rejects_FormulaErrorCell_NamingItsPlace()
    {
        var path = BadFiles.Xlsx("organisation.xlsx", "Reference",
            [["Organisation reference 2018/19"], OrgHeaderCells, OrgCells("C10101", 1d), OrgCells("C20101", new FormulaError("#REF!"))]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        var rejection = Single(rows);
        Assert.Equal(("Reference", 4, "sort_order"), (rejection.sheet, rejection.row_number, rejection.column_name));
        Assert.Contains("#REF!", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_TextInANumberColumn()
    {
        var path = BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(), OrgRow(cc: "C20101", sort: "first")]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        var rejection = Single(rows);
        Assert.Equal(("organisation", 3, "sort_order", "first"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
        Assert.Equal("is not a number", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_DateInANumberColumn()
    {
        var path = BadFiles.Xlsx("organisation.xlsx", "Reference",
            [OrgHeaderCells, OrgCells("C10101", new DateTime(2018, 5, 31)), OrgCells("C20101", "May-18")]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        Assert.Equal(2, rows.Count);
        Assert.Equal((2, "sort_order", "is a date where a number is expected"), (rows[0].row_number, rows[0].column_name, rows[0].reason));
        Assert.Equal((3, "sort_order", "May-18"), (rows[1].row_number, rows[1].column_name, rows[1].value));
    }

    [SkippableFact]
    public async Task Load_Rejects_FractionInAWholeNumberColumn()
    {
        var path = BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(sort: "1.5")]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        Assert.Equal((2, "sort_order", "is not a whole number"), (Single(rows).row_number, Single(rows).column_name, Single(rows).reason));
    }

    [SkippableFact]
    public async Task Load_Rejects_RaggedCsvRow_ShortOfColumns()
    {
        var path = BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(), "2018/19,Adults & Safeguarding,,L0101,Strategic Management - Adults"]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        Assert.All(rows, r => Assert.Equal(3, r.row_number));
        Assert.Contains(rows, r => r.column_name == "line_type" && r.reason.Contains("is empty"));
        Assert.Contains(rows, r => r.column_name == "cost_centre_code");
    }

    [SkippableFact]
    public async Task Load_Rejects_RaggedCsvRow_WithMoreCellsThanTheHeader()
    {
        // An unquoted comma in a name shifts every later cell one column to the right.
        var shifted = "2018/19,Adults & Safeguarding,,L0101,Strategic Management, Adults,expenditure,Adults,N,,C20101,Team,1";
        var path = BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(), shifted]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        Assert.All(rows, r => Assert.Equal(3, r.row_number));
        Assert.Contains(rows, r => r.column_name == "column 13" && r.value == "1" && r.reason.Contains("more cells than the header"));
    }

    [SkippableFact]
    public async Task Load_Rejects_BadFiscalYear()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(year: "2018/20")]));

        Assert.Equal((2, "effective_from", "2018/20"), (Single(rows).row_number, Single(rows).column_name, Single(rows).value));
    }

    [SkippableFact]
    public async Task Load_Rejects_UnknownCommittee()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(),
            BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(), OrgRow(cc: "C20101", committee: "Highways")]));

        var rejection = Single(rows);
        Assert.Equal((3, "committee", "Highways"), (rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("is not a known committee", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_YesNoFlagThatIsNeither()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(dsg: "maybe")]));

        Assert.Equal((2, "dsg_funded", "must be Y or N"), (Single(rows).row_number, Single(rows).column_name, Single(rows).reason));
    }

    [SkippableFact]
    public async Task Load_Rejects_ReservedUnknownCode()
    {
        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(line: "UNKNOWN")]));

        Assert.Equal((2, "budget_line_code"), (Single(rows).row_number, Single(rows).column_name));
    }

    [SkippableFact]
    public async Task Load_Rejects_NameLongerThanTheStagingColumnHolds_NamingTheRow()
    {
        var longName = "Strategic Management " + new string('x', 200); // stg.organisation.budget_line holds 200
        var (outcome, rows) = await RefuseAsync(new OrganisationSource(),
            BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(), OrgRow(cc: "C20101", line: "L0102", name: longName)]));

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Equal((3, "budget_line", longName), (Single(rows).row_number, Single(rows).column_name, Single(rows).value));
        Assert.Contains("at most 200", Single(rows).reason);
    }

    // ---- rows against each other ----------------------------------------------------------------

    [SkippableFact]
    public async Task Load_Rejects_DuplicateKey_NamingTheRepeatAndTheFirst()
    {
        var path = BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(), OrgRow(cc: "C20101"), OrgRow()]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        var rejection = Single(rows);
        Assert.Equal((4, "cost_centre_code", "C10101"), (rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains("first at row 2", rejection.reason);
    }

    [SkippableFact]
    public async Task Load_Rejects_LineDescribedTwoWaysInOneYear()
    {
        var path = BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(), OrgRow(cc: "C20101", name: "Strategic Management – Adults (new)")]);

        var (_, rows) = await RefuseAsync(new OrganisationSource(), path);

        Assert.Equal((3, "budget_line_code"), (Single(rows).row_number, Single(rows).column_name));
    }

    [SkippableFact]
    public async Task Load_Rejects_UnknownBudgetLine_InTheLineMapping()
    {
        await LoadReferenceSampleAsync();
        var path = BadFiles.Csv("line-mapping.csv",
        [
            "effective_from,from_budget_line_code,to_budget_line_code,change,note",
            "2018/19,L0109,L0109,moved,ok",
            "2018/19,L9999,L0110,renamed,no such line",
        ]);

        var (_, rows) = await RefuseAsync(new LineMappingSource(), path);

        var rejection = Single(rows);
        Assert.Equal(("line-mapping", 3, "from_budget_line_code", "L9999"), (rejection.sheet, rejection.row_number, rejection.column_name, rejection.value));
    }

    [SkippableFact]
    public async Task Load_Rejects_DuplicateAndInvalidMappings()
    {
        await LoadReferenceSampleAsync();
        var path = BadFiles.Csv("line-mapping.csv",
        [
            "effective_from,from_budget_line_code,to_budget_line_code,change,note",
            "2018/19,L0109,L0109,moved,",
            "2018/19,L0110,L0110,promoted,",
            "2018/19,L0109,L0109,moved,again",
        ]);

        var (outcome, rows) = await RefuseAsync(new LineMappingSource(), path);

        Assert.Equal(2, rows.Count);
        Assert.Equal((3, "change"), (rows[0].row_number, rows[0].column_name));
        Assert.Equal((4, "from_budget_line_code"), (rows[1].row_number, rows[1].column_name));
        Assert.Contains("(and 1 more error)", outcome.Message);
    }

    [SkippableFact]
    public async Task Load_Rejects_HugeFile_NamingTheOneBadRowNearTheEnd()
    {
        const int dataRows = 200_000, badRow = 199_990; // Excel row numbers: the header is row 1
        var path = Path.Combine(BadFiles.Folder(), "organisation.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine(OrganisationHeader);
            for (var row = 2; row <= dataRows + 1; row++)
                writer.WriteLine(OrgRow(cc: $"C{row:D7}", committee: row == badRow ? "Adults Committee" : "Adults"));
        }

        var (outcome, rows) = await RefuseAsync(new OrganisationSource(), path);

        var rejection = Single(rows);
        Assert.Equal((badRow, "committee", "Adults Committee"), (rejection.row_number, rejection.column_name, rejection.value));
        Assert.Contains($"row {badRow}", outcome.Message);
    }

    [SkippableFact]
    public async Task Load_RecordsEveryError_NotJustTheFirst()
    {
        var path = BadFiles.Csv("organisation.csv",
            [OrganisationHeader, OrgRow(year: "x"), OrgRow(cc: "C2", committee: "Nope"), OrgRow(cc: "C3", sort: "z"), OrgRow(cc: "C4")]);

        var (outcome, rows) = await RefuseAsync(new OrganisationSource(), path);

        Assert.Equal([2, 3, 4], rows.Select(r => r.row_number!.Value));
        Assert.Contains("(and 2 more errors)", outcome.Message);
        Assert.Equal(3, await Provider.ScalarAsync<int>("SELECT rows_rejected FROM report.load_status WHERE batch_id = @id", new { id = outcome.BatchId }));
    }

    // ---- the same file again --------------------------------------------------------------------

    [SkippableFact]
    public async Task Load_IsANoOp_ForTheSameFileAgain()
    {
        await LoadReferenceSampleAsync();
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var again = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(),
            RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv"));

        Assert.Equal(LoadStatus.Duplicate, again.Status);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }

    [SkippableFact]
    public async Task Load_KeepsTheFirstVerdict_ForARejectedFileSentAgain()
    {
        var path = BadFiles.Csv("organisation.csv", [OrganisationHeader, OrgRow(committee: "Nope")]);
        var (first, _) = await RefuseAsync(new OrganisationSource(), path);
        // The same bytes under the same name (a name is part of what was judged: renamed bytes are judged again).
        var copy = Path.Combine(BadFiles.Folder(), "organisation.csv");
        File.Copy(path, copy);

        var (again, rows) = await RefuseAsync(new OrganisationSource(), copy, LoadStatus.PreviouslyRejected);

        Assert.Equal(first.BatchId, again.BatchId);
        Assert.Equal("committee", Assert.Single(again.Errors).Column);
        Assert.Single(rows); // not recorded twice
    }

    [SkippableFact]
    public async Task Load_LeavesLoadedReference_WhenARestatementIsRejected()
    {
        await LoadReferenceSampleAsync();
        var lines = File.ReadAllLines(RepositoryPaths.Combine("samples", "finance", "organisation-reference.csv")).ToList();
        lines[^1] = lines[^1].Replace(",CYP,", ",Schools,").Replace(",Adults,", ",Schools,").Replace(",All,", ",Schools,").Replace(",Communities,", ",Schools,");

        var (_, rows) = await RefuseAsync(new OrganisationSource(), BadFiles.Csv("organisation-reference.csv", lines));

        Assert.Equal((lines.Count, "committee", "Schools"), (Single(rows).row_number, Single(rows).column_name, Single(rows).value));
    }

    // ---- positive controls: what people really save must still load ----------------------------

    [SkippableFact]
    public async Task Load_Accepts_CsvSavedWithAByteOrderMark()
    {
        var path = BadFiles.Csv("organisation.csv", string.Join("\n", OrganisationHeader, OrgRow()) + "\n", new UTF8Encoding(true));

        var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), path);

        Assert.True(outcome.Status == LoadStatus.Loaded, outcome.Message);
    }
}

public sealed class PostgresBadInputTests : BadInputTests<PostgresProvider>;

public sealed class SqlServerBadInputTests : BadInputTests<SqlServerProvider>;
