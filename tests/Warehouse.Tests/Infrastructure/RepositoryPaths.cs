namespace Warehouse.Tests.Infrastructure;

/// <summary>Finds files of the checkout (scripts, samples, compose file) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Warehouse.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Warehouse.sln not found above the test output folder.");
    }
}
