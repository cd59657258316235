using System.Globalization;
using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

/// <summary>`explain <view> --period … [--line …]`: a published figure, the batches behind it and their files and rows.</summary>
internal static class ExplainCommand
{
    public const string Usage = "warehouse explain <view> --period 2018-05 [--line L0512|\"Special Educational Needs Placements\"]";

    public static async Task<int> RunAsync(CommandContext context)
    {
        var view = context.Positionals().FirstOrDefault() ?? throw new UsageException("Name the view, e.g. report.fpr_service_lines.");
        var period = ReportCommands.PeriodOption(context);
        var engine = Commands.ResolveEngine(context);
        JobsMigrator.For(engine).MigrateIfPending();
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(context.Cancellation);
        ExplainedFigure figure;
        try
        {
            figure = await FigureExplainer.ExplainAsync(connection, view, period, context.Option("--line"), context.Cancellation);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        var output = context.Output;
        output.WriteLine($"{figure.View}, {period.FiscalYear} period {period.Period}: {figure.Rows.Count} row(s)");
        foreach (var row in figure.Rows)
        {
            output.WriteLine();
            foreach (var (name, value) in row)
                output.WriteLine($"  {name}: {Format(value)}");
        }
        foreach (var note in figure.Notes)
            output.WriteLine($"note: {note}");
        foreach (var batch in figure.Batches)
        {
            output.WriteLine();
            output.WriteLine($"batch {batch.BatchId} ({batch.Source}, {batch.State}" +
                             (batch.FinishedUtc is { } at ? $", loaded {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "") + $", {batch.RowsLoaded} row(s))");
            output.WriteLine($"  file: {batch.FileName ?? "(an extract, no file)"}" + (batch.Sha256 is null ? "" : $" sha256 {batch.Sha256}"));
            foreach (var row in batch.Rows)
                output.WriteLine($"  {row}");
        }
        if (figure.Rows.Count == 0)
            output.WriteLine("No row matches: check the period and the line (code or name as printed).");
        return figure.Rows.Count == 0 ? ExitCodes.RejectedInput : ExitCodes.Ok;
    }

    private static string Format(object? value) => value switch
    {
        null => "(null)",
        decimal d => d.ToString("#,0.####", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
