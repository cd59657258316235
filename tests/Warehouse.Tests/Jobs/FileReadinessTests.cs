using Warehouse.Jobs.Inbox;
using Warehouse.Tests.Core;

namespace Warehouse.Tests.Jobs;

/// <summary>A dropped file is taken only after its quiet period, by the clock the inbox is given.</summary>
public sealed class FileReadinessTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ready-{Guid.NewGuid():N}.csv");

    public FileReadinessTests()
    {
        File.WriteAllText(_path, "a,b\n1,2\n");
        File.SetLastWriteTimeUtc(_path, new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(60, true)]
    public void IsReady_WaitsForTheQuietPeriod_ByTheGivenClock(int secondsAfterTheLastWrite, bool ready)
    {
        var clock = new FixedTimeProvider(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddSeconds(secondsAfterTheLastWrite));

        Assert.Equal(ready, FileReadiness.IsReady(new FileInfo(_path), TimeSpan.FromSeconds(2), clock));
    }

    public void Dispose() => File.Delete(_path);
}
