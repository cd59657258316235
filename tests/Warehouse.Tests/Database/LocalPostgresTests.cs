using Warehouse.Database.Local;

namespace Warehouse.Tests.Database;

/// <summary>The zero-config database: start, reuse, stop, where it lives, and the error without binaries.</summary>
public sealed class LocalPostgresTests : IDisposable
{
    private readonly List<(LocalPostgres Local, string Folder)> _created = [];

    private (LocalPostgres Local, string Folder) NewLocal(string? parent = null)
    {
        var folder = Path.Combine(parent ?? Path.GetTempPath(), $"wh-local-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(folder);
        var local = new LocalPostgres(folder, options: new LocalPostgresOptions { Throwaway = true });
        _created.Add((local, folder));
        return (local, folder);
    }

    [Fact]
    public void Start_CreatesCluster_ThenReusesIt_AndStopStopsIt()
    {
        var (local, folder) = NewLocal();

        var first = local.Start();
        var second = local.Start();
        var stopped = local.Stop();
        var afterStop = local.Current();
        var restarted = local.Start();

        Assert.True(first.Created);
        Assert.False(first.Reused);
        Assert.True(second.Reused);
        Assert.Equal(first.Port, second.Port);
        Assert.True(stopped);
        Assert.Null(afterStop);
        Assert.False(restarted.Created);
        Assert.False(restarted.Reused);
        Assert.True(File.Exists(Path.Combine(folder, ".warehouse", "local-postgres.json")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"DataDirectory\": \"/x\", \"Po")]
    [InlineData("not json at all")]
    public void Start_RebuildsTheStateFile_WhenItIsUnreadable(string garbage)
    {
        var (local, _) = NewLocal();
        var first = local.Start();
        File.WriteAllText(local.StateFile, garbage);

        var current = local.Current();
        var again = local.Start();
        var stopped = local.Stop();

        Assert.NotNull(current);
        Assert.Equal(first.Port, current.Port);
        Assert.True(again.Reused);
        Assert.Equal(first.Port, again.Port);
        Assert.True(stopped);
        Assert.Equal(new LocalPostgresState(first.DataDirectory, first.Port),
            System.Text.Json.JsonSerializer.Deserialize<LocalPostgresState>(File.ReadAllText(local.StateFile)));
    }

    [Fact]
    public void Start_WritesTheStateFileAtomically_LeavingNoTemporaryFiles()
    {
        var (local, _) = NewLocal();
        local.Start();

        Parallel.For(0, 8, _ => local.Start());

        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(local.StateFile)!, "local-postgres.json*"));
        Assert.NotNull(local.Current());
    }

    [Fact]
    public void Stop_ReportsNothingToStop_WhenNeverStarted()
    {
        var (local, _) = NewLocal();

        Assert.False(local.Stop());
    }

    [Fact]
    public void Start_KeepsClusterInTheWorkingFolder_WhenTheServerUserCanReachIt()
    {
        var (local, folder) = NewLocal();

        var instance = local.Start();

        Assert.Equal(Path.Combine(folder, ".warehouse", "pgdata"), instance.DataDirectory);
    }

    [SkippableFact]
    public void Start_KeepsClusterInTempWithPointer_WhenTheWorkingFolderIsPrivate()
    {
        Skip.IfNot(Environment.UserName == "root", "Only root runs the server as another OS user.");
        var privateParent = Path.Combine(Path.GetTempPath(), $"wh-private-{Guid.NewGuid():N}"[..22]);
        Directory.CreateDirectory(privateParent);
        File.SetUnixFileMode(privateParent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var (local, folder) = NewLocal(privateParent);

            var instance = local.Start();

            Assert.StartsWith(Path.GetTempPath(), instance.DataDirectory);
            Assert.False(instance.DataDirectory.StartsWith(folder, StringComparison.Ordinal));
            Assert.Contains(instance.DataDirectory, File.ReadAllText(Path.Combine(folder, ".warehouse", "local-postgres.json")));
        }
        finally
        {
            Dispose();
            Directory.Delete(privateParent, recursive: true);
        }
    }

    [Fact]
    public void Locate_NamesTheThreeWaysForward_WhenNoBinariesExist()
    {
        var error = Assert.Throws<PostgresNotFoundException>(() => PostgresBinaries.Locate(path: "/nonexistent", extraRoots: []));

        Assert.Contains("install PostgreSQL", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ConnectionStrings__Warehouse", error.Message);
        Assert.Contains("docker compose up", error.Message);
    }

    public void Dispose()
    {
        foreach (var (local, folder) in _created)
        {
            local.Destroy();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        _created.Clear();
    }
}
