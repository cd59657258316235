using Warehouse.Etl.Core.Pipeline;

namespace Warehouse.Jobs.Cli;

/// <summary>Hands `load`'s options to a source that takes them (`--body`, `--period` of supplier payments).</summary>
internal static class SourceOptions
{
    public static ISource Apply(ISourceWithOptions source, CommandContext context)
    {
        try
        {
            return source.WithOptions(context.Option);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
