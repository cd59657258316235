using Warehouse.Etl.Core.Pipeline;

namespace Warehouse.Jobs.Cli;

/// <summary>
/// Shows a long load moving: one line rewritten in place on a terminal, plain log lines when the output
/// is redirected to a file or a scheduler's log.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, bool interactive) : IProgress<LoadProgress>
{
    private bool _wroteInPlace;

    public void Report(LoadProgress value)
    {
        var text = $"batch {value.BatchId} {value.Source}: {value.Rows:N0} rows, {value.RowsPerSecond:N0} rows/s, {value.Elapsed:mm\\:ss} elapsed";
        if (interactive)
        {
            output.Write("\r" + text.PadRight(79));
            _wroteInPlace = true;
        }
        else
        {
            output.WriteLine(text);
        }
    }

    /// <summary>Ends the in-place line before normal output continues.</summary>
    public void Finish()
    {
        if (_wroteInPlace)
            output.WriteLine();
        _wroteInPlace = false;
    }
}
