using Warehouse.Etl.Core.Reading;
using Warehouse.Etl.Sources.Activity;

namespace Warehouse.Tests.Sources.Activity;

/// <summary>
/// The adult services return is read sheet by sheet as the workbook streams (issue 20, item 9): it once grouped every
/// row of the workbook in memory before looking at a sheet's name. Measured in bytes allocated on the test's own
/// thread, which parallel tests and the machine's speed do not change.
/// </summary>
public sealed class AdultReturnStreamingTests
{
    private const int ExtraRows = 200_000;

    private static long AllocatedReading(string path, out RowErrors errors)
    {
        var sink = new RowErrors(Path.GetFileName(path));
        var reference = ActivityServiceTypes.From([]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        AdultReturnReader.Read(path, sink, reference);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        errors = sink;
        return allocated;
    }

    [Fact]
    public void Read_RefusesAnExtraSheetByItsName_WithoutReadingItsRows()
    {
        var plain = ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx");
        var padded = ActivityFixtures.AddSheet(ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx"), "Notes", ExtraRows);
        // What reading every row of the extra sheet costs; the grouping read cost all of it (measured: 1.0 times).
        // Refusing the sheet by name still costs ExcelDataReader's own pass over it (0.45 times), hence 0.7.
        var everyRow = 0L;
        var start = GC.GetAllocatedBytesForCurrentThread();
        foreach (var row in WorkbookReader.ReadRows(padded))
            everyRow += row.Cells.Length;
        var readingEveryRow = GC.GetAllocatedBytesForCurrentThread() - start;

        var baseline = AllocatedReading(plain, out _);
        var withExtra = AllocatedReading(padded, out var errors);

        Assert.Contains(errors.Kept, e => e is { Sheet: "Notes", Row: null } && e.Reason.Contains("is not a service area sheet", StringComparison.Ordinal));
        Assert.True(everyRow >= ExtraRows * 3, $"the extra sheet was read whole: {everyRow} cells");
        Assert.True(withExtra - baseline < readingEveryRow * 7 / 10,
            $"reading the return allocated {(withExtra - baseline) >> 20} MB more with the extra sheet; reading its rows costs {readingEveryRow >> 20} MB");
    }
}
