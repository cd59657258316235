namespace Warehouse.Tests.Sources.Savings;

/// <summary>
/// samples/savings/savings-tracker-2019-13.xlsx, transcribed from seed 004 Appendix C "Savings Tracker 2018-19"
/// (l.3120–3164) and laid out as the printed sheet: the title, the "Planned £000 / Forecast £000" banner, the totals
/// row above the header, then the 32 proposals with their whole commentary. The print repeats the banner, totals and
/// header after its page break; a sheet holds them once. Written by <see cref="Write"/> with TinyXlsx
/// (<c>WAREHOUSE_WRITE_SAMPLES=1 dotnet test --filter SavingsSampleTests</c>); the test checks the committed file is this.
/// </summary>
internal static class SavingsTrackerSample
{
    public const string FileName = "savings-tracker-2019-13.xlsx";
    public const string SheetName = "Savings Tracker 2018-19";

    public static string SamplePath => RepositoryPaths.Combine("samples", "savings", FileName);

    public static readonly object?[] Header =
    [
        "Reference", "Title", "Service", "Committee", "Investment 18-19 £000", "Original Saving 18-19", "Current Forecast Phasing - Q1",
        "Current Forecast Phasing - Q2", "Current Forecast Phasing - Q3", "Current Forecast Phasing - Q4", "Forecast Saving",
        "Variance from Plan £000", "% Variance", "RAG", "Direction of travel", "Forecast Commentary",
    ];

    public static readonly object?[] Totals = [null, null, null, null, 2797.0, -21287.0, -13764.0, -2202.0, -1543.0, -1055.0, -18562.0, 2725.0];

    public static readonly object?[][] Proposals =
    [
        ["A/R.6.001", "P&C Contribution to Organisational Review Mileage Saving", "P&C", "P&C Cross Committee", 0.0, -63.0, -63.0, 0.0, 0.0, 0.0, -63.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.111", "Physical Disabilities - Supporting people with physical disabilities to live more independently and be funded appropriately", "P&C", "Adults", 0.0, -440.0, -110.0, -110.0, -110.0, -110.0, -440.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.114", "Learning Disabilities - Increasing independence and resilience when meeting the needs of people with learning disabilities", "P&C", "Adults", 786.0, -3100.0, -1409.0, -328.0, -127.0, -154.0, -2018.0, 1082.0, 34.90, "Red", "↑",
            "A refreshed scoping of potential savings was undertaken, and this work took into account previous experiences around the complexity and the level of challenge which impact on the pace at which savings could be delivered. There was also a challenging round of fee uplift negotiations requiring officer input - these two aspects have resulted in the shortfall in savings. Partially mitigated through a new funnel saving (shown separately) - an £858k surplus realised against the 2018/19 budget allocation for provider inflation, further to fee uplift negotiation undertaken by the Project Assessment Team"],
        ["A/R.6.115", "Retendering for domiciliary care for people with learning disabilities", "P&C", "Adults", 0.0, -100.0, 0.0, -100.0, 0.0, 0.0, -100.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.122", "Transforming Learning Disability In-House & Day Care Services", "P&C", "Adults", 0.0, -50.0, -13.0, -13.0, -13.0, -13.0, -50.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.126", "Learning Disability - Converting Residential Provision to Supported Living", "P&C", "Adults", 0.0, -794.0, -25.0, 0.0, 0.0, -143.0, -168.0, 626.0, 78.84, "Red", "↔",
            "Having better appreciation with level of challenge from family carers, service user advocates and housing providers in the last financial year has resulted in a better forecast in this complex and very volatile area. The process has a set timescale with a number of dependencies that can affect delivery and phasing."],
        ["A/R.6.127", "Care in Cambridgeshire for People with Learning Disabilities", "P&C", "Adults", 75.0, -315.0, -168.0, -49.0, -49.0, -49.0, -315.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.128", "Use of grant funding to reduce demand and service pressures", "P&C", "Adults", 0.0, -7200.0, -7200.0, 0.0, 0.0, 0.0, -7200.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.129", "Russell Street Learning Disability Provision Re-design", "P&C", "Adults", 0.0, -70.0, 0.0, 0.0, 0.0, 0.0, 0.0, 70.0, 100.00, "Black", "↓",
            "Changes to Russel St were not possible in 18/19. Due to pressures across the system and the need to use relief staff and agency staff to provide statutory care, mitigations within the service could not be identified and there was a pressure at year end of £70k."],
        ["A/R.6.132", "Mental Health Demand Management", "P&C", "Adults", 340.0, -400.0, -275.0, -125.0, 0.0, 0.0, -400.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.143", "Homecare Retendering", "P&C", "Adults", 100.0, -306.0, -306.0, 0.0, 0.0, 0.0, -306.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.172", "Older People's Demand Management Savings", "P&C", "Adults", 116.0, -1000.0, -250.0, -250.0, -225.0, 0.0, -725.0, 275.0, 27.50, "Red", "↔",
            "The revised plan for delivery of this saving included a target for Continuing Healthcare. This has not been achieved in full, resulting in under-delivery against the overall saving."],
        ["A/R.6.173", "Adult Social Care Service User Financial Reassessments", "P&C", "Adults", 280.0, -412.0, -180.0, -129.0, -77.0, -26.0, -412.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.174", "Review of Supported Housing Commissioning", "P&C", "Adults", 250.0, -1000.0, -100.0, 0.0, 0.0, 0.0, -100.0, 900.0, 90.00, "Red", "↓",
            "The phasing of this saving will now be over several years - a major redesign of some services is needed, and this will need to be done in conjunction with changes in the housing support being provided by district councils. The overall saving delivered will be lower, with the remaining part reversed in the 2019-24 business plan."],
        ["A/R.6.175", "Automation - Mosaic and Adult Business Support Processes", "P&C", "Adults", 0.0, -150.0, 0.0, 0.0, 0.0, 0.0, 0.0, 150.0, 100.00, "Black", "↔",
            "Realignment of business support ahead of Mosaic implementation is not expected to deliver this saving in year, but the alignment of support functons will be reviewed next year once the Mosaic implementation is complete."],
        ["A/R.6.177", "Further savings required within Adults Services", "P&C", "Adults", 0.0, -282.0, -282.0, 0.0, 0.0, 0.0, -282.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.178", "Local Assistance Scheme", "P&C", "CYP", 0.0, -21.0, -21.0, 0.0, 0.0, 0.0, -21.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.201", "Staffing efficiencies in Commissioning", "P&C", "CYP", 0.0, -94.0, -94.0, 0.0, 0.0, 0.0, -94.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.204", "Childrens Change Programme (later phases)", "P&C", "CYP", 0.0, -594.0, -507.0, 0.0, 0.0, -87.0, -594.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.210", "Total Transport - Home to School Transport (Special)", "P&C", "CYP", 0.0, -324.0, -45.0, -35.0, -60.0, -59.0, -199.0, 125.0, 38.58, "Amber", "↔",
            "199k of savings were made through tender rounds and other route efficiencies, however increasing demand means that this full saving was not achieved in 2018/19"],
        ["A/R.6.214", "Total Transport - Home to School Transport (Special) - Moving towards personal budgets", "P&C", "CYP", 0.0, -100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 100.0, 100.00, "Black", "↔",
            "An anticipated move to banded PTBs did not take place in-year so savings were not achieved in 2018/19."],
        ["A/R.6.224", "Children's Centres - Building a new service delivery model for Cambridgeshire Communities", "P&C", "CYP", 0.0, -772.0, -772.0, 0.0, 0.0, 0.0, -772.0, 0.0, 0.00, "Green", "↑",
            "Saving complete."],
        ["A/R.6.227", "Strategic review of the LA's ongoing statutory role in learning", "P&C", "CYP", 50.0, -324.0, -65.0, 0.0, -129.0, -130.0, -324.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.244", "Total Transport - Home to School Transport (Mainstream)", "P&C", "CYP", 0.0, -342.0, -138.0, -27.0, -81.0, -81.0, -327.0, 15.0, 4.39, "Green", "↔",
            "Saving complete."],
        ["A/R.6.250", "Grants to Voluntary Organisations", "P&C", "CYP", 0.0, -168.0, -168.0, 0.0, 0.0, 0.0, -168.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.251", "Automation - Education and Children's Guidance", "P&C", "CYP", 0.0, -100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 100.0, 100.00, "Black", "↔",
            "Savings not achieved in 2018/19; addressed through Business Planning going forward."],
        ["A/R.6.253", "LAC Placement Budget Savings", "P&C", "CYP", 705.0, -1500.0, -669.0, -1012.0, -553.0, -84.0, -2318.0, -818.0, -54.53, "Blue", "↔",
            "On track"],
        ["A/R.6.254", "Looked After Children Transport", "P&C", "CYP", 50.0, -100.0, 0.0, -20.0, -40.0, -40.0, -100.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.6.256", "Delivering Greater Impact for Troubled Families", "P&C", "CYP", 45.0, -150.0, 0.0, 0.0, -75.0, -75.0, -150.0, 0.0, 0.00, "Green", "↑",
            "Saving complete."],
        ["A/R.6.257", "Automation - Admissions & Additional Automation Initiatives", "P&C", "CYP", 0.0, -100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 100.0, 100.00, "Black", "↔",
            "Savings not achieved in 2018/19; addressed through Business Planning going forward."],
        ["A/R.7.101", "Early Years subscription package", "P&C", "CYP", 0.0, -16.0, -4.0, -4.0, -4.0, -4.0, -16.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],
        ["A/R.7.110", "Learning Disability - Joint Investment with Health Partners in rising demand", "P&C", "Adults", 0.0, -900.0, -900.0, 0.0, 0.0, 0.0, -900.0, 0.0, 0.00, "Green", "↔",
            "Saving complete."],

    ];

    public static string Write(string path) =>
        TinyXlsx.Write(path, SheetName,
            new object?[][] { [SheetName], [], [null, null, null, null, "Planned £000", null, "Forecast £000"], Totals, Header }.Concat(Proposals));
}
