namespace Warehouse.Etl.Core.Pipeline;

/// <summary>
/// One kind of input (a ledger extract, a forecast return, an operational extract). A source reads its
/// input, reports row errors, stages rows and moves them into dw inside the transaction the pipeline
/// gives it; the pipeline does registration, batch states, locking, reconciliation and rejection.
/// </summary>
public interface ISource
{
    /// <summary>Stable name: the batch's source, the inbox folder, the CLI argument (`finance-gl`).</summary>
    string Name { get; }

    string Description { get; }

    Task LoadAsync(LoadContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A source that reads an operational system (run with <see cref="IngestionPipeline.RunExtractAsync"/>) rather
/// than files from an inbox. The nightly job runs it only when its connection is configured.
/// </summary>
public interface IOperationalExtract : ISource
{
    bool IsConfigured { get; }
}

/// <summary>
/// A source whose files each hold slices of their own (a body × quarter of supplier payments) rather than the
/// whole of a period, and which marks an earlier batch superseded once all its slices are restated. A loaded
/// batch of it is therefore current until superseded, however many later files of other slices were loaded.
/// </summary>
public interface ISlicedSource : ISource;
