using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Activity;

namespace Warehouse.Tests.Sources.Activity;

/// <summary>
/// Bad returns are rejected whole with the place of every error (file, sheet, row, column) recorded in
/// report.rejections, and the warehouse is left exactly as it was.
/// </summary>
public abstract class ActivityBadInputTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    private async Task AssertRejectedAsync(ISource source, string path, string sheet, int row, string column, string reason)
    {
        await ActivityFixtures.LoadReferenceAsync(Provider.Engine);
        await ActivityFixtures.LoadedAsync(Provider.Engine, new SenPlacementsReturnSource(), ActivityFixtures.Sample("sen-placements-2018-05.xlsx"));
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var outcome = await ActivityFixtures.LoadAsync(Provider.Engine, source, path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
        await RecordedRejections.AssertContainsAsync(Provider, outcome, path, sheet, row, column, reason);
    }

    [SkippableFact]
    public Task AdultReturn_IsRejected_WhenAServiceTypeIsNotInTheReference() =>
        AssertRejectedAsync(new AdultServicesReturnSource(),
            ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx", ("OP", "A9", "Respite Care")),
            "OP", 9, "Service Type", "is not a service type of OP in the activity service-type reference");

    [SkippableFact]
    public Task AdultReturn_IsRejected_WhenUsersAreNegative() =>
        AssertRejectedAsync(new AdultServicesReturnSource(),
            ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx", ("OP", "F5", -479)),
            "OP", 5, "Current Users", "is negative");

    [SkippableFact]
    public Task AdultReturn_IsRejected_WhenMoneyIsText() =>
        AssertRejectedAsync(new AdultServicesReturnSource(),
            ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx", ("LD", "E6", "seven hundred")),
            "LD", 6, "Annual Budget £000", "is not a number");

    [SkippableFact]
    public Task AdultReturn_IsRejected_WhenATotalDoesNotAddUpBeyondRounding() =>
        AssertRejectedAsync(new AdultServicesReturnSource(),
            ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx", ("OP", "E15", 73990)),
            "OP", 15, "Annual Budget £000", "its lines sum to £73,974k, a difference of £16k (rounding allows £5k)");

    [SkippableFact]
    public Task AdultReturn_IsRejected_WhenAnAcceptedDefectHasChanged() =>
        AssertRejectedAsync(new AdultServicesReturnSource(),
            ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx", ("OPMH", "E19", -1150)),
            "OPMH", 19, "Annual Budget £000", "does not add up");

    [SkippableFact]
    public Task AdultReturn_IsRejected_WhenTheUnitIsNotTheReferenceUnit() =>
        AssertRejectedAsync(new AdultServicesReturnSource(),
            ActivityFixtures.PatchWorkbook("adult-services-2018-05.xlsx", ("OP", "D14", "week")),
            "OP", 14, "Unit", "is not the unit of ~ Homecare arranged in the reference (hour)");

    [SkippableFact]
    public Task SenReturn_IsRejected_WhenAnOfstedCodeIsNotInTheReference() =>
        AssertRejectedAsync(new SenPlacementsReturnSource(),
            ActivityFixtures.PatchWorkbook("sen-placements-2019-13.xlsx", ("SEN", "A6", "HX")),
            "SEN", 6, "Ofsted Code", "is not an Ofsted need code");

    [SkippableFact]
    public Task SenReturn_IsRejected_WhenPlacementsAreNegative() =>
        AssertRejectedAsync(new SenPlacementsReturnSource(),
            ActivityFixtures.PatchWorkbook("sen-placements-2019-13.xlsx", ("SEN", "F5", -94)),
            "SEN", 5, "Placements Now", "is negative");

    [SkippableFact]
    public Task SenReturn_IsRejected_WhenMoneyIsText() =>
        AssertRejectedAsync(new SenPlacementsReturnSource(),
            ActivityFixtures.PatchWorkbook("sen-placements-2019-13.xlsx", ("SEN", "H9", "n/a")),
            "SEN", 9, "Actual Cost £000", "is not a number");

    [SkippableFact]
    public async Task AdultReturn_IsRejected_BeforeTheReferenceIsLoaded()
    {
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var outcome = await ActivityFixtures.LoadAsync(Provider.Engine, new AdultServicesReturnSource(), ActivityFixtures.Sample("adult-services-2018-05.xlsx"));

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains("load activity-service-types first", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }

    [SkippableFact]
    public async Task ServiceTypeReference_IsRejected_WhenAnAreaOrKindIsUnknown()
    {
        var folder = TestFolders.New("activity");
        var path = Path.Combine(folder, "activity-service-types.csv");
        await File.WriteAllTextAsync(path, """
            service_area,code,client_group,service_type,line_kind,unit,sort_order
            LD,residential,Learning Disability Services,Residential,expenditure,week,10
            CH,residential,Children,Residential,expenditure,week,10
            OP,respite,Older People,Respite,spending,,50

            """);
        var before = await WarehouseSnapshot.TakeAsync(Provider);

        var outcome = await ActivityFixtures.LoadAsync(Provider.Engine, new ActivityServiceTypeSource(), path);

        Assert.Equal(LoadStatus.Rejected, outcome.Status);
        Assert.Contains(outcome.Errors, e => e is { Row: 3, Column: "service_area", Value: "CH" });
        Assert.Contains(outcome.Errors, e => e is { Row: 4, Column: "line_kind", Value: "spending" });
        Assert.Equal(before, await WarehouseSnapshot.TakeAsync(Provider));
    }
}

public sealed class PostgresActivityBadInputTests : ActivityBadInputTests<PostgresProvider>;

public sealed class SqlServerActivityBadInputTests : ActivityBadInputTests<SqlServerProvider>;
