using Warehouse.Etl.Core.Reading;

namespace Warehouse.Tests.Sources.Savings;

/// <summary>The committed sample is the transcription of seed 004's tracker, cell for cell.</summary>
public sealed class SavingsSampleTests
{
    [Fact]
    public void Sample_HoldsTheTranscriptionOfSeed004_CellForCell()
    {
        if (Environment.GetEnvironmentVariable("WAREHOUSE_WRITE_SAMPLES") == "1")
            SavingsTrackerSample.Write(SavingsTrackerSample.SamplePath);
        var expected = Path.Combine(TestFolders.New("savings-sample"), SavingsTrackerSample.FileName);
        SavingsTrackerSample.Write(expected);

        static List<string> Cells(string path) => WorkbookReader.ReadRows(path)
            .Select(r => $"{r.Sheet} {r.RowNumber}: " + string.Join(" | ", r.Cells.Select((_, i) => r.Text(i)))).ToList();

        Assert.Equal(Cells(expected), Cells(SavingsTrackerSample.SamplePath));
        Assert.Equal(32, SavingsTrackerSample.Proposals.Length);
        Assert.All(SavingsTrackerSample.Proposals, p => Assert.Equal(16, p.Length));
    }
}
