using Warehouse.Jobs.Cli;

// The first Ctrl+C stops the verb cleanly (its batch rolls back); a second one ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested)
        return;
    e.Cancel = true;
    Console.Error.WriteLine("Stopping after the current step (Ctrl+C again to end now)…");
    stop.Cancel();
};
return await WarehouseCli.RunAsync(args, Console.Out, Console.Error, cancellationToken: stop.Token);
