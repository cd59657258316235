using Warehouse.Jobs.Cli;

return await WarehouseCli.RunAsync(args, Console.Out, Console.Error);
