using System.Diagnostics;
using System.Globalization;
using Warehouse.Etl.Core;
using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Publish;

namespace Warehouse.Tests.Publish;

/// <summary>A tiny source for pack tests: "fiscal_year_start,period,amount" lines, one batch per file, with a control total.</summary>
internal sealed class PeriodTotalSource : ISource
{
    public string Name => "pack-fixture";
    public string Description => "Test fixture: one amount per period, reconciled.";

    public Task LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var lines = File.ReadAllLines(context.File!.Path).Skip(1).Select(l => l.Split(',')).ToList();
        context.Period = new FiscalPeriod(int.Parse(lines[0][0], CultureInfo.InvariantCulture), int.Parse(lines[0][1], CultureInfo.InvariantCulture));
        var total = lines.Sum(l => decimal.Parse(l[2], CultureInfo.InvariantCulture));
        context.Control.Expect("amount", "total", total);
        // What "landed" is the same figure: the fixture has no fact table of its own.
        context.Control.LandedQuery =
            $"SELECT CAST('amount' AS varchar(50)) AS measure, CAST('total' AS varchar(200)) AS scope, CAST({total.ToString(CultureInfo.InvariantCulture)} AS decimal(19,2)) AS value";
        context.RowsRead = lines.Count;
        context.RowsLoaded = lines.Count;
        return Task.CompletedTask;
    }
}

internal static class PackFixtures
{
    public static string TempFolder(string prefix)
    {
        return TestFolders.New(prefix);
    }

    /// <summary>A pack with figures from the May 2018 and closedown 2018/19 papers, independent of the database.</summary>
    public static ReportPack SeedShapedPack()
    {
        var period = new FiscalPeriod(2018, 2);
        var summary = new PackTable("summary", "Directorate summary", "report.fpr_directorate_summary",
            [new("line", "Line", CellStyle.Text), new("line_type", "Line type", CellStyle.Text), new("budget_k", "Budget", CellStyle.Money),
             new("actual_k", "Actual", CellStyle.Money), new("forecast_variance_k", "Forecast variance", CellStyle.Money),
             new("forecast_variance_pct", "Variance %", CellStyle.PercentPoints)],
            [
                ["Adults & Safeguarding", "directorate", 154174.4m, 20010m, 739m, 0.5m],
                ["Children & Safeguarding", "directorate", 50699m, 9311m, 929m, 1.8m],
                ["Grant Funding", "grant_funding", -81550m, -11095m, -809m, 1.0m],
                ["Total", "total", 239329m, 49716m, 1107m, 0.5m],
            ], null);
        string[] directorates = ["Adults & Safeguarding", "Children & Safeguarding", "Education", "Grant Funding"];
        double?[][] trend = [[0, 739], [0, 929], [0, 248], [0, -809]];
        var months = new[] { "Apr-18", "May-18" };
        return new ReportPack(period, "all", [summary],
        [
            new PackChart("Forecast variance by directorate, £000", ChartKind.Line, "£000", months,
                directorates.Select((d, i) => (d, (IReadOnlyList<double?>)trend[i])).ToList(), null),
            new PackChart("Performance indicators by RAG status", ChartKind.Bar, "indicators", ["Red", "Amber", "Green", "No target"],
                [("Indicators", new double?[] { 4, 2, 6, 26 })], null),
        ], ["Portfolio: report.portfolio is not in this warehouse yet, so the table is left out."]);
    }

    public static (int ExitCode, string Output) Run(string program, string arguments, string workingDirectory, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["HOME"] = workingDirectory;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out after {timeoutSeconds} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
