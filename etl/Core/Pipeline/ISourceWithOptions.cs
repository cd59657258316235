namespace Warehouse.Etl.Core.Pipeline;

/// <summary>
/// A source that takes options from the command line for what a file may not say itself (`load supplier-payments
/// file.csv --body "…" --period 2014-Q1`). The CLI hands it the options; a value it cannot use is a
/// <see cref="FormatException"/> whose message tells the person what to type.
/// </summary>
public interface ISourceWithOptions : ISource
{
    /// <summary>The options this source reads, with a line of help each (`--period`: "the quarter of undated rows").</summary>
    IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>This source with the options given (<paramref name="option"/> returns null for one not given).</summary>
    ISource WithOptions(Func<string, string?> option);
}
