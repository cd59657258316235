using System.Diagnostics;
using System.Text;
using Warehouse.Database.Engines;

namespace Warehouse.Jobs.Bench;

/// <summary>
/// Runs the warehouse program as a separate process, as a user or a scheduler does (`warehouse load …`), against a
/// given database, and times it from start to exit, sampling its working set: what a load costs with .NET start-up,
/// configuration, the migration check and connection set-up included.
/// </summary>
public sealed class WarehouseProcess(string fileName, IReadOnlyList<string> leadingArguments)
{
    public sealed record Result(int ExitCode, TimeSpan Elapsed, long PeakWorkingSet, string Output);

    /// <summary>
    /// The program beside this assembly: its native host (`warehouse`) when there is one, else `dotnet warehouse.dll`
    /// with the dotnet this process runs on. Null when neither is there.
    /// </summary>
    public static WarehouseProcess? Find()
    {
        var folder = AppContext.BaseDirectory;
        var host = Path.Combine(folder, OperatingSystem.IsWindows() ? "warehouse.exe" : "warehouse");
        if (File.Exists(host))
            return new WarehouseProcess(host, []);
        var assembly = Path.Combine(folder, "warehouse.dll");
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? path
            : "dotnet";
        return File.Exists(assembly) ? new WarehouseProcess(dotnet, [assembly]) : null;
    }

    public async Task<Result> RunAsync(IWarehouseEngine database, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in leadingArguments.Concat(arguments))
            start.ArgumentList.Add(argument);
        // The scratch database, named as an operator would configure it: environment variables over appsettings.
        start.Environment["ConnectionStrings__Warehouse"] = database.ConnectionString;
        start.Environment["Warehouse__Engine"] = database.Kind.ToString();
        foreach (var (name, value) in settings)
            start.Environment[name] = value;
        var text = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                try
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    await Task.Delay(20, stopSampling.Token);
                }
                catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
                {
                    return; // it has exited
                }
            }
        }, CancellationToken.None);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        await stopSampling.CancelAsync();
        await sampling;
        string output;
        lock (text)
            output = text.ToString().Trim();
        return new Result(process.ExitCode, elapsed, peak, output.Length > 600 ? output[..600] + " …" : output);
    }
}
