namespace Warehouse.Database.Engines;

/// <summary>The two database engines the warehouse runs on. Values match the `Warehouse:Engine` setting.</summary>
public enum EngineKind
{
    PostgreSql,
    SqlServer,
}
