using System.Diagnostics;

namespace Warehouse.Jobs.Bench;

/// <summary>
/// Samples the process working set and the GC heap every few milliseconds while a phase runs, and keeps
/// the peaks: Process.PeakWorkingSet64 alone is the peak of the whole process, not of one phase.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Timer _timer;
    private readonly int _gen2Before = GC.CollectionCount(2);

    public MemorySampler(int intervalMs = 25)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, intervalMs, intervalMs);
    }

    public long PeakWorkingSet { get; private set; }
    public long PeakGcHeap { get; private set; }
    public int Gen2Collections => GC.CollectionCount(2) - _gen2Before;

    private void Sample()
    {
        lock (_process)
        {
            _process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, _process.WorkingSet64);
            PeakGcHeap = Math.Max(PeakGcHeap, GC.GetTotalMemory(false));
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MB";
}
