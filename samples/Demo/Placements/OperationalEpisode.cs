namespace Warehouse.Samples.Placements;

/// <summary>
/// A placement episode as the children's social care system holds it (all of its columns, identifying ones
/// included: the sample generator writes them; the extract never reads child_name or date_of_birth).
/// End date is the last day in placement (inclusive); null while the placement is open.
/// </summary>
public sealed record OperationalEpisode(
    long EpisodeId,
    string ChildId,
    string? ChildName,
    DateTime? DateOfBirth,
    string PlacementType,
    string? Provider,
    DateTime StartDate,
    DateTime? EndDate,
    DateTime? PlannedEndDate,
    decimal WeeklyCost,
    DateTime LastModified);
