using Warehouse.Etl.Sources.Finance;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>
/// A forecast return's rejections name the sheet and the headers as the file spells them (issue 20, item 8): they once
/// said "Forecast" and "Budget Line Code" whatever the file called them, and a name too long for the warehouse was
/// refused by the database as "warehouse column line_name".
/// </summary>
public sealed class ForecastPlacesTests : FinanceTestBase<PostgresProvider>
{
    private const string Sheet = "May 2018";

    private string Return(string name, params object?[][] lines) =>
        TinyXlsx.Write(Path.Combine(TestFolders.New("forecast-places"), name), Sheet,
            new object?[][] { ["Period: May-18"], [], ["Policy Line Code", "Policy Line", "Forecast Variance £000", "Note"] }.Concat(lines));

    private async Task<List<Rejection>> RefusedAsync(string path)
    {
        await LoadReferenceAsync();
        await LoadedAsync(new ForecastSource(), "forecast-2018-05.xlsx");
        var variance = await Provider.ScalarAsync<decimal>("SELECT SUM(forecast_variance) FROM dw.fact_forecast");

        var (_, rows) = await Refusals.RefuseAsync(Provider, new ForecastSource(), path);

        Assert.Equal(variance, await Provider.ScalarAsync<decimal>("SELECT SUM(forecast_variance) FROM dw.fact_forecast"));
        Assert.All(rows, r => Assert.Equal(Sheet, r.sheet));
        Assert.DoesNotContain(rows, r => r.reason.Contains("warehouse column", StringComparison.Ordinal));
        return rows;
    }

    [SkippableFact]
    public async Task ForecastReturn_IsRejectedUnderTheFilesOwnHeaders_WhenALineIsUnknown()
    {
        var rows = await RefusedAsync(Return("forecast-unknown.xlsx",
            ["L9999", "Nothing", 1d, null], [null, "No Such Service", 2d, null], ["L0207", "Looked After Children Placements", 739d, "1"]));

        Assert.Equal([(4, "Policy Line Code", "L9999"), (5, "Policy Line", "No Such Service")],
            rows.Select(r => (r.row_number, r.column_name, r.value)).ToList());
    }

    [SkippableFact]
    public async Task ForecastReturn_IsRejectedAtTheNameCell_WhenANameIsLongerThanTheWarehouseHolds()
    {
        var name = "Looked After Children Placements " + new string('x', 200);

        var rows = await RefusedAsync(Return("forecast-long-name.xlsx", ["L0207", name, 739d, "1"]));

        var rejection = Assert.Single(rows);
        Assert.Equal((4, "Policy Line"), (rejection.row_number, rejection.column_name));
        Assert.Contains("longer than the 200 characters", rejection.reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ForecastReturn_IsRejectedAtTheReferenceCell_WhenTheCommentaryIsInTheReferenceColumn()
    {
        var rows = await RefusedAsync(Return("forecast-long-ref.xlsx",
            ["L0207", "Looked After Children Placements", 739d, "External placements rose by twelve in May."]));

        var rejection = Assert.Single(rows);
        Assert.Equal((4, "Note"), (rejection.row_number, rejection.column_name));
        Assert.Contains("longer than the 20 characters", rejection.reason, StringComparison.Ordinal);
    }
}
