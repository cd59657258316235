using System.Diagnostics;
using System.Globalization;

namespace Warehouse.Etl.Core.Pipeline;

/// <summary>
/// Wall time per step of one command or load (`--verbose` prints it; `bench ledger` prints the load's): each
/// <see cref="Mark"/> closes the step that ran since the one before. Cheap enough to leave in every load.
/// </summary>
public sealed class StepTimings
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Step, TimeSpan Took)> _steps = [];
    private TimeSpan _last;

    public IReadOnlyList<(string Step, TimeSpan Took)> Steps => _steps;

    public TimeSpan Total => _clock.Elapsed;

    public void Mark(string step)
    {
        var now = _clock.Elapsed;
        _steps.Add((step, now - _last));
        _last = now;
    }

    public IEnumerable<string> Lines() => _steps.Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Took.TotalSeconds,7:0.000} s  {s.Step}"));
}
