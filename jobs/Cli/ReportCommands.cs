using Warehouse.Etl.Core;
using Warehouse.Etl.Publish;
using Warehouse.Etl.Publish.Pack;
using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Cli;

/// <summary>`report` (also `pack`): the committee pack for one period and committee, as xlsx, html and/or PDF.</summary>
public static class ReportCommands
{
    public const string Usage =
        "warehouse report --period 2018-05 [--committee all|Adults|CYP|Communities] [--format xlsx,html,pdf] [--out packs] " +
        "[--force] [--include-operations] [--meeting \"22 May 2019\"]";

    private static readonly string[] KnownFormats = ["xlsx", "html", "pdf"];

    public static async Task<int> RunAsync(CommandContext context)
    {
        if (context.Positionals() is ["transparency", ..]) return await TransparencyCommand.RunAsync(context);
        var period = PeriodOption(context);
        var committeeText = context.Option("--committee") ?? "all";
        var committee = Committees.Resolve(committeeText) ?? throw new UsageException(
            $"Unknown committee '{committeeText}': use one of {string.Join(", ", Committees.Known.Select(k => k.Code))} (any case).");
        var formats = (context.Option("--format") ?? "xlsx").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.ToLowerInvariant()).Distinct().ToList();
        foreach (var format in formats.Where(f => !KnownFormats.Contains(f)))
            throw new UsageException($"Unknown format '{format}': use xlsx, html or pdf, or several separated by commas.");
        if (formats.Count == 0)
            throw new UsageException("--format names no format: use xlsx, html or pdf.");
        var force = context.Args.Contains("--force");
        var outDir = Path.GetFullPath(context.Option("--out") ?? "packs", context.WorkingDirectory);
        var stem = FileStem(period, committee);
        var paths = formats.Select(f => (Format: f, Path: Path.Combine(outDir, $"{stem}.{f}"))).ToList();
        // Refused before any work, so a refused run changes nothing.
        if (!force && paths.FirstOrDefault(p => File.Exists(p.Path)) is { Path: not null } existing)
            throw new UsageException($"{existing.Path} already exists: add --force to replace it.");
        if (formats.Contains("pdf") && PdfPackWriter.FindChromium() is null)
        {
            context.Error.WriteLine("A PDF pack needs headless Chromium, which is not installed (apt-get install chromium, or set WAREHOUSE_CHROMIUM to the browser).");
            return ExitCodes.Infrastructure;
        }

        var engine = Commands.ResolveEngine(context);
        JobsMigrator.For(engine).Migrate();
        await using var connection = engine.CreateConnection();
        await connection.OpenAsync(context.Cancellation);
        if (!await PackFacts.HasPeriodAsync(connection, period, context.Cancellation))
        {
            var latest = await PackFacts.LatestPeriodAsync(connection, context.Cancellation);
            context.Error.WriteLine(latest is { } l
                ? $"The warehouse holds no finance figures for {PackContext.ReportMonthLabel(period)} ({PeriodText(period)}); the latest period held is {PackContext.ReportMonthLabel(l)} ({PeriodText(l)})."
                : $"The warehouse holds no finance figures yet, so there is no pack for {PackContext.ReportMonthLabel(period)}: load the ledger and forecast first (`warehouse load`).");
            return ExitCodes.Usage;
        }
        var pack = await ReportPackBuilder.BuildAsync(connection, period, committee, cancellationToken: context.Cancellation,
            includeOperations: context.Args.Contains("--include-operations"));
        var configuration = context.Configuration();
        pack = pack with
        {
            Context = pack.Context with
            {
                Meeting = context.Option("--meeting") ?? pack.Context.Meeting,
                // Authors and telephone numbers are settings, not data: Pack:Contact, lines separated by "|".
                Contact = (configuration["Pack:Contact"] ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            },
        };

        Directory.CreateDirectory(outDir);
        foreach (var (format, path) in paths)
        {
            try
            {
                switch (format)
                {
                    case "xlsx": XlsxPackWriter.Write(pack, path); break;
                    case "html": HtmlPackWriter.Write(pack, path); break;
                    default: PdfPackWriter.Write(pack, path); break;
                }
            }
            catch (PackToolException ex)
            {
                context.Error.WriteLine(ex.Message);
                return ExitCodes.Infrastructure;
            }
            catch (IOException ex)
            {
                context.Error.WriteLine($"Could not write {path}: {ex.Message}");
                return ExitCodes.Infrastructure;
            }
            catch (UnauthorizedAccessException)
            {
                context.Error.WriteLine($"Could not write {path}: permission denied.");
                return ExitCodes.Infrastructure;
            }
            context.Output.WriteLine($"Wrote {path}");
        }
        context.Output.WriteLine($"{pack.Title}: {pack.Tables.Count} table(s), {pack.Tables.Sum(t => t.Rows.Count)} row(s). {pack.Context.Reconciliation}");
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

    /// <summary>fpr-2018-07-cyp: the report month as the user writes it (calendar month; 2019-13 for the 2018/19 closedown).</summary>
    public static string FileStem(FiscalPeriod period, string committee) =>
        $"fpr-{PeriodText(period)}-{new string(committee.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray())}";

    public static string PeriodText(FiscalPeriod period) => period.IsClosedown
        ? $"{period.FiscalYearStart + 1}-13"
        : period.PeriodEnd.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
