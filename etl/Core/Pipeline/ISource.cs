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
