using System.Runtime.ExceptionServices;
using System.Collections.Concurrent;

namespace Warehouse.Etl.Core.Writing;

/// <summary>
/// Reads a stream of rows on another thread, a few thousand at a time, while the caller consumes them: the
/// file's parsing and checks run on one core while the bulk copy's encoding and socket writes run on the
/// other. At most <c>capacity × batchSize</c> rows are in flight, so memory stays flat. The source is only
/// ever enumerated by one thread at a time; a fault while reading is rethrown to the consumer as it was
/// thrown; when the consumer stops early (a copy refused), the reader is stopped and waited for before the
/// enumerator's Dispose returns, so nothing touches the load's state after it.
/// </summary>
public static class BackgroundRows
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int batchSize = 4096, int capacity = 4)
    {
        using var batches = new BlockingCollection<T[]>(capacity);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? fault = null;
        // A thread of its own, blocking on the bounded queue: on a thread-pool thread, with the consumer blocked on
        // another, a fresh process (two pool threads on two cores) starved and the copy waited for the pool to grow.
        // The caller's execution context flows to it, so the load's ReadingPlace follows the rows read.
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                foreach (var row in source)
                {
                    batch.Add(row);
                    if (batch.Count == batchSize)
                    {
                        batches.Add(batch.ToArray(), stop.Token);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                    batches.Add(batch.ToArray(), stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the consumer stopped: nothing more is wanted
            }
            catch (Exception e)
            {
                fault = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                batches.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var rows in batches.GetConsumingEnumerable())
                foreach (var row in rows)
                    yield return row;
            fault?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.GetAwaiter().GetResult();
        }
    }
}
