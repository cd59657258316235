using System.Xml.Linq;
using Warehouse.Database.Engines;

namespace Warehouse.Tests.Database;

/// <summary>
/// The engine seam answers differences between the engines for the warehouse only: tools that use the database
/// (Respawn for the tests, Hangfire for the jobs host) stay with their users, so database/ knows neither.
/// </summary>
public sealed class EngineSeamTests
{
    private static readonly string[] Tools = ["Hangfire", "Respawn"];

    [Fact]
    public void DatabaseProject_ReferencesNeitherHangfireNorRespawn()
    {
        var packages = XDocument.Load(RepositoryPaths.Combine("database", "Warehouse.Database.csproj"))
            .Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToList();
        var assemblies = typeof(IWarehouseEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(packages, p => Tools.Any(t => p.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(assemblies, a => Tools.Any(t => a.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
    }
}
