using Warehouse.Jobs.Cli;

namespace Warehouse.Tests.Sources.Payments;

/// <summary>
/// `warehouse load supplier-payments … --period/--body` and `warehouse report transparency`: the council's own file
/// for a quarter, with its figures added up by hand from samples/payments/payments-ccc-2018-q1.csv.
/// </summary>
public sealed class TransparencyTests : PaymentsTestBase
{
    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Warehouse:Engine"] = "PostgreSql",
            ["ConnectionStrings:Warehouse"] = Provider.Engine.ConnectionString,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await WarehouseCli.RunAsync(args, output, error, RepositoryPaths.Root, settings);
        return (code, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task Transparency_WritesTheCodesFields_RedactingIndividuals_AndSaysWhatItLeftOut()
    {
        await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        var folder = TestFolders.New("transparency");

        var (code, output, error) = await RunAsync("report", "transparency", "--quarter", "2018-Q1", "--out", folder);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("9 payments published (2 redacted)", output);
        var lines = File.ReadAllLines(Path.Combine(folder, "spend-over-500-cambridgeshire-county-council-2018-Q1.csv"));
        Assert.Equal("Body Name,Service Area,Expenditure Category,Expenditure Code,Date Paid,Transaction Number,Supplier Name,Supplier ID,Amount,Irrecoverable VAT,Capital or Revenue,Merchant Category", lines[0]);
        Assert.Equal(10, lines.Length); // 11 loaded lines less the credit note and the £499.99 line
        Assert.Equal("Cambridgeshire County Council,Children & Safeguarding,Residential Care,5101,05/04/2018,46296351 - 1,Brightwater Care Ltd,100231,12450.00,0.00,Revenue,", lines[1]);
        Assert.Equal("Cambridgeshire County Council,Adults & Safeguarding,Direct Payments,5230,20/04/2018,46296400 - 1,REDACTED PERSONAL DATA,,1250.00,,Revenue,", lines[3]);
        Assert.DoesNotContain(lines, l => l.Contains("-2300.00") || l.Contains("499.99"));

        var summary = File.ReadAllText(Path.Combine(folder, "spend-over-500-cambridgeshire-county-council-2018-Q1-summary.txt"));
        Assert.Matches(@"Published:\s+9 payments\s+£\s+80,045\.75", summary);
        Assert.Matches(@"Redacted:\s+2 payments\s+£\s+2,225\.00", summary);
        Assert.Matches(@"Excluded:\s+1 credit notes\s+£\s+-2,300\.00", summary);
        Assert.Matches(@"1 lines of £500 or less\s+£\s+499\.99", summary);
        Assert.Matches(@"Warehouse:\s+11 lines\s+£\s+78,245\.74", summary);
    }

    [SkippableFact]
    public async Task Transparency_RefusesToReplaceAnExport_UnlessForced()
    {
        await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        var folder = TestFolders.New("transparency");
        Assert.Equal(ExitCodes.Ok, (await RunAsync("report", "transparency", "--quarter", "2018-Q1", "--out", folder)).Code);
        var path = Path.Combine(folder, "spend-over-500-cambridgeshire-county-council-2018-Q1.csv");
        File.WriteAllText(path, "the copy that was published\n");

        var (refused, _, error) = await RunAsync("report", "transparency", "--quarter", "2018-Q1", "--out", folder);

        Assert.Equal(ExitCodes.Usage, refused);
        Assert.Contains($"{path} already exists: add --force to replace it", error);
        Assert.Equal("the copy that was published\n", File.ReadAllText(path));

        var (forced, _, forcedError) = await RunAsync("report", "transparency", "--quarter", "2018-Q1", "--out", folder, "--force");

        Assert.True(forced == ExitCodes.Ok, forcedError);
        Assert.StartsWith("Body Name,Service Area,", File.ReadAllText(path));
    }

    [SkippableFact]
    public async Task Transparency_AsksWhichBody_WhenTheWarehouseHoldsSeveral()
    {
        await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        await LoadedAsync(Sample("payments-westmere-2018-q1.csv"));

        var (code, _, error) = await RunAsync("report", "transparency", "--quarter", "2018-Q1", "--out", TestFolders.New("transparency"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("\"Westmere District Council\"", error);
    }

    [SkippableFact]
    public async Task Transparency_WritesNothing_ForAQuarterWithoutPayments()
    {
        await LoadedAsync(Sample("payments-ccc-2018-q1.csv"));
        var folder = TestFolders.New("transparency");

        var (code, _, error) = await RunAsync("report", "transparency", "--quarter", "2019-Q1", "--out", folder);

        Assert.Equal(ExitCodes.RejectedInput, code);
        Assert.Contains("no payments", error);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [SkippableFact]
    public async Task Load_TakesPeriodAndBodyFromTheCommandLine()
    {
        var file = TempFile("no-body-undated.csv", "Supplier,Amount,Date\nAcme Ltd,\"1,000.00\",unknown\nBeta Ltd,750.00,\n");

        var (code, output, error) = await RunAsync("load", "supplier-payments", file, "--period", "2018-Q3", "--body", "Westmere District Council");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Loaded 2 rows", output);
        Assert.Equal((2, 1750.00m), (await QueryAsync<(int, decimal)>(
            "SELECT COUNT(*), SUM(amount) FROM report.spend_over_500 WHERE body = @Westmere AND quarter = '2018-Q3'", new { Westmere })).Single());
    }

    [SkippableFact]
    public async Task Load_SaysWhatItQuarantined()
    {
        var (code, output, error) = await RunAsync("load", "supplier-payments", Sample("payments-ccc-2018-q1.csv"));

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Loaded 11 rows", output);
        Assert.Contains("2 row(s) quarantined (£600.00); the rest loaded:", output);
        Assert.Contains("row 14, column Paid Date:", output);
    }

    [SkippableFact]
    public async Task Load_RefusesAPeriodThatIsNotAQuarter()
    {
        var (code, _, error) = await RunAsync("load", "supplier-payments", Sample("payments-westmere-undated.csv"), "--period", "2018-06");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("2018-Q1", error);
    }

    [SkippableFact]
    public async Task Load_RejectsAFileThatDoesNotSayWhosePaymentsTheyAre()
    {
        var file = TempFile("no-body.csv", "Supplier,Amount,Date\nAcme Ltd,100.00,01/04/2018\n");

        var (code, _, error) = await RunAsync("load", "supplier-payments", file);

        Assert.Equal(ExitCodes.RejectedInput, code);
        Assert.Contains("--body", error);
        Assert.Equal(0, await ScalarAsync<int>("SELECT COUNT(*) FROM dw.fact_payment"));
    }
}
