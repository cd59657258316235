using Warehouse.Etl.Core.Writing;

namespace Warehouse.Tests.Core.Writing;

public sealed class BackgroundRowsTests
{
    [Fact]
    public void Of_YieldsEveryRowInOrder_AcrossBatches()
    {
        var rows = BackgroundRows.Of(Enumerable.Range(0, 10_007), batchSize: 100, capacity: 2).ToList();

        Assert.Equal(Enumerable.Range(0, 10_007), rows);
    }

    [Fact]
    public void Of_RethrowsTheReadersFault_AsItWasThrown_AfterTheRowsBeforeIt()
    {
        static IEnumerable<int> Faulty()
        {
            for (var i = 0; i < 250; i++)
                yield return i;
            throw new FormatException("row 251 is not a number");
        }
        var seen = new List<int>();

        var fault = Assert.Throws<FormatException>(() =>
        {
            foreach (var row in BackgroundRows.Of(Faulty(), batchSize: 100))
                seen.Add(row);
        });

        Assert.Equal("row 251 is not a number", fault.Message);
        Assert.Equal(Enumerable.Range(0, 200), seen); // the two full batches before the fault; the third never completed
    }

    [Fact]
    public void Of_StopsTheReader_BeforeDisposeReturns_WhenTheConsumerStopsEarly()
    {
        var read = 0;
        var finished = false;
        IEnumerable<int> Endless()
        {
            try
            {
                while (true)
                {
                    Interlocked.Increment(ref read);
                    yield return read;
                }
            }
            finally
            {
                finished = true;
            }
        }

        using (var rows = BackgroundRows.Of(Endless(), batchSize: 10, capacity: 1).GetEnumerator())
            for (var i = 0; i < 25; i++)
                Assert.True(rows.MoveNext());

        Assert.True(finished); // the source was disposed on the reader's side before Dispose returned
        var after = Volatile.Read(ref read);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref read)); // and nothing reads on afterwards
        Assert.True(after <= 25 + 10 * 3, $"read {after} rows for 25 taken: more than the bounded buffer holds");
    }
}
