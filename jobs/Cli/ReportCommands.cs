using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

/// <summary>`report`: the committee pack for one period and committee, as xlsx or a self-contained html file.</summary>
internal static class ReportCommands
{
    public static async Task<int> RunAsync(CommandContext context)
    {
        if (context.Positionals() is ["transparency", ..]) return await TransparencyCommand.RunAsync(context);
        var period = PeriodOption(context);
        var committee = context.Option("--committee") ?? "all";
        var formats = (context.Option("--format") ?? "xlsx").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var format in formats.Where(f => f is not ("xlsx" or "html")))
            throw new UsageException($"Unknown format '{format}': use xlsx, html or xlsx,html.");
        var outDir = Path.GetFullPath(context.Option("--out") ?? ".", context.WorkingDirectory);
        Directory.CreateDirectory(outDir);

        var engine = Commands.ResolveEngine(context);
        JobsMigrator.For(engine).Migrate();
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(context.Cancellation);
        var pack = await ReportPackBuilder.BuildAsync(connection, period, committee, cancellationToken: context.Cancellation);

        var stem = $"fpr-{period.FiscalYearStart}-{period.Period:00}-{Safe(committee)}";
        foreach (var format in formats)
        {
            var path = Path.Combine(outDir, $"{stem}.{format}");
            if (format == "xlsx")
                XlsxPackWriter.Write(pack, path);
            else
                HtmlPackWriter.Write(pack, path);
            context.Output.WriteLine($"Wrote {path}");
        }
        context.Output.WriteLine($"{pack.Title}: {pack.Tables.Count} table(s), {pack.Tables.Sum(t => t.Rows.Count)} row(s).");
        foreach (var note in pack.Notes)
            context.Output.WriteLine($"  note: {note}");
        return ExitCodes.Ok;
    }

    /// <summary>The required --period option (YYYY-MM, or YYYY-13 for a closedown), shared with `explain`.</summary>
    public static FiscalPeriod PeriodOption(CommandContext context)
    {
        var periodText = context.Option("--period") ?? throw new UsageException("--period is required (2018-05, or 2019-13 for the 2018/19 closedown).");
        try
        {
            return ReportPackBuilder.ParsePeriod(periodText);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static string Safe(string text) => new(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
}
