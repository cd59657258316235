namespace Warehouse.Tests.Core;

/// <summary>A clock stopped at one instant (a date is taken as midnight UTC), for code that asks what time it is.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public FixedTimeProvider(DateTime utc) : this(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)))
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
