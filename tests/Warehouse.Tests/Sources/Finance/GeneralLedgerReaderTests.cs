using Warehouse.Etl.Core;
using Warehouse.Etl.Core.Reading;
using Warehouse.Etl.Sources.Finance;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>The ledger reader on its own: no database, no batch; it reports into an error sink.</summary>
public sealed class GeneralLedgerReaderTests
{
    private static (List<GlRow> rows, GeneralLedgerReader reader, RowErrors errors) Read(params string[] lines)
    {
        var path = LedgerFiles.Csv("gl.csv", lines);
        var errors = new RowErrors("gl.csv");
        var reader = new GeneralLedgerReader(path, errors).Open();
        return (reader.Rows().ToList(), reader, errors);
    }

    [Fact]
    public void Rows_YieldsGoodRows_AndReportsABadAmountToTheSink_WithItsPlace()
    {
        var (rows, reader, errors) = Read(
            "Cost Centre,Account,Period,Budget,Actual",
            "CC100,4000,2018-05,1000.50,200.25",
            "CC101,4000,2018-05,12x,5");

        var row = Assert.Single(rows);
        Assert.Equal(("CC100", 1000.50m, 200.25m), (row.CostCentreCode, row.Budget, row.Actual));
        var error = Assert.Single(errors.Kept);
        Assert.Equal(("gl.csv", 3, "Budget"), (error.File, error.Row, error.Column));
        Assert.Equal(new FiscalPeriod(2018, 2), reader.Period);
    }

    [Fact]
    public void Rows_ReportsRowsRead_ToTheProgressSink()
    {
        var path = BadFiles.Csv("gl.csv", ["Cost Centre,Account,Period,Budget,Actual", "CC1,4000,2018-05,1,1", "CC2,4000,2018-05,2,2"]);
        var counts = new List<long>();

        _ = new GeneralLedgerReader(path, new RowErrors("gl.csv"), new InlineProgress(counts.Add)).Open().Rows().ToList();

        Assert.Equal([1L, 2L], counts);
    }

    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
