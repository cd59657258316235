namespace Warehouse.Etl.Core.Pipeline;

/// <summary>How one load is asked for (the `load` verb's options); the default is what the inbox and jobs use.</summary>
public sealed record LoadOptions
{
    public static LoadOptions Default { get; } = new();

    /// <summary>Run a file again although the same bytes were rejected (the cause was outside it, e.g. a missing reference).</summary>
    public bool Retry { get; init; }

    /// <summary>
    /// The file is meant to replace its period whole, although it lacks parts the period holds (`load --replace-all`;
    /// only sources that guard their restatements, <see cref="IGuardsRestatement"/>, take it). Without it such a
    /// restatement is refused: a file covering some directorates must not silently wipe the others. It also lets
    /// the same bytes run again after that refusal, as <see cref="Retry"/> does.
    /// </summary>
    public bool ReplaceAll { get; init; }

    /// <summary>How long to wait for another load of the same source; zero answers Busy at once (the jobs retry later).</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    /// <summary>Told once when the load starts waiting for the lock (the CLI prints it).</summary>
    public Action<string>? OnWaiting { get; init; }

    /// <summary>Where the load marks its steps' wall time (the CLI's --verbose, the bench); none by default.</summary>
    public StepTimings? Timings { get; init; }
}

/// <summary>
/// A source that refuses a restatement dropping parts its period holds (the GL: cost centres), unless the load
/// says <see cref="LoadOptions.ReplaceAll"/>.
/// </summary>
public interface IGuardsRestatement;
