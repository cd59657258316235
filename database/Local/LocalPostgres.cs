using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Warehouse.Database.Engines;

namespace Warehouse.Database.Local;

/// <summary>
/// The zero-config database: a private PostgreSQL cluster for one working directory, listening on
/// 127.0.0.1 only. Its state lives in <c>.warehouse/local-postgres.json</c>; the cluster itself lives
/// in <c>.warehouse/pgdata</c>, or under the system temp folder when the server's OS user cannot
/// reach the working directory (a checkout inside root's private home, for example).
/// </summary>
public sealed class LocalPostgres
{
    public const string DefaultDatabase = "warehouse";
    private const string ServerUser = "postgres";

    private readonly string _stateDirectory;
    private readonly PostgresBinaries _binaries;
    private readonly LocalPostgresOptions _options;
    private readonly Action<string> _log;

    public LocalPostgres(string workingDirectory, PostgresBinaries? binaries = null, LocalPostgresOptions? options = null,
        Action<string>? log = null)
    {
        _stateDirectory = Path.Combine(Path.GetFullPath(workingDirectory), ".warehouse");
        _options = options ?? new LocalPostgresOptions();
        _log = log ?? (_ => { });
        _binaries = binaries ?? PostgresBinaries.Locate();
    }

    public string StateFile => Path.Combine(_stateDirectory, "local-postgres.json");

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Starts the cluster (creating it the first time) or reuses the running one; returns how to reach it.</summary>
    public LocalPostgresInstance Start()
    {
        Directory.CreateDirectory(_stateDirectory);
        var known = ReadState();
        // Every command starts here: a server that answers on the recorded port from the recorded data folder, with
        // the warehouse database in it, is all this needs; asking it costs one connection (which the command's own
        // first one then reuses from the pool) where `pg_ctl status` (a process, as the postgres user) and an
        // admin connection cost two.
        if (known is not null && Serves(known))
            return new LocalPostgresInstance(known.DataDirectory, known.Port, Created: false, Reused: true);
        var state = known ?? new LocalPostgresState(ChooseDataDirectory(), FreePort());
        var created = false;
        if (!File.Exists(Path.Combine(state.DataDirectory, "PG_VERSION")))
        {
            InitCluster(state.DataDirectory);
            created = true;
        }

        var reused = IsRunning(state.DataDirectory);
        if (!reused)
        {
            if (!PortIsFree(state.Port))
                state = state with { Port = FreePort() };
            StartServer(state);
        }
        WriteState(state);
        var instance = new LocalPostgresInstance(state.DataDirectory, state.Port, created, reused);
        EnsureDatabase(instance.ConnectionString(DefaultDatabase));
        return instance;
    }

    public bool Stop()
    {
        var state = ReadState();
        if (state is null || !IsRunning(state.DataDirectory))
            return false;
        // A throwaway cluster has nothing worth a clean shutdown checkpoint.
        RunServerProgram(_binaries.PgCtl, ["stop", "-D", state.DataDirectory, "-m", _options.Throwaway ? "immediate" : "fast", "-w"]);
        return true;
    }

    /// <summary>Stops the server and removes the cluster and its state (tests only: the data is gone).</summary>
    public void Destroy()
    {
        var state = ReadState();
        Stop();
        if (state is not null && Directory.Exists(state.DataDirectory))
            Directory.Delete(state.DataDirectory, recursive: true);
        if (File.Exists(StateFile))
            File.Delete(StateFile);
    }

    public LocalPostgresInstance? Current()
    {
        var state = ReadState();
        return state is not null && IsRunning(state.DataDirectory)
            ? new LocalPostgresInstance(state.DataDirectory, state.Port, false, true)
            : null;
    }

    private string ChooseDataDirectory()
    {
        var inCheckout = Path.Combine(_stateDirectory, "pgdata");
        if (!RunningAsRoot || ServerUserCanReach(_stateDirectory))
            return inCheckout;
        // The server runs as the postgres user, who cannot traverse this folder: keep the cluster in the
        // system temp folder and leave the pointer (the state file) here.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_stateDirectory)))[..12].ToLowerInvariant();
        return Path.Combine(Path.GetTempPath(), $"warehouse-pg-{hash}");
    }

    // `test -x` as the server user fails when any parent folder is not traversable for it.
    private static bool ServerUserCanReach(string directory) =>
        ProcessRunner.Run("runuser", ["-u", ServerUser, "--", "test", "-x", directory]).ExitCode == 0;

    private void InitCluster(string dataDirectory)
    {
        _log($"creating a local PostgreSQL cluster in {dataDirectory}");
        Directory.CreateDirectory(dataDirectory);
        if (RunningAsRoot)
            ProcessRunner.Check("chown", [$"{ServerUser}:", dataDirectory]);
        var args = new List<string> { "-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8" };
        if (_options.Throwaway)
            args.Add("--no-sync");
        RunServerProgram(_binaries.InitDb, args);
    }

    private void StartServer(LocalPostgresState state)
    {
        var settings = new StringBuilder($"-p {state.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");
        if (_options.Throwaway)
            settings.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        var logFile = Path.Combine(state.DataDirectory, "server.log");
        RunServerProgram(_binaries.PgCtl, ["start", "-D", state.DataDirectory, "-w", "-t", "60", "-l", logFile, "-o", settings.ToString()]);
        _log($"started PostgreSQL on 127.0.0.1:{state.Port} (data in {state.DataDirectory})");
    }

    private bool IsRunning(string dataDirectory) =>
        Directory.Exists(dataDirectory) && RunServerProgramRaw(_binaries.PgCtl, ["status", "-D", dataDirectory]).ExitCode == 0;

    private void RunServerProgram(string program, IReadOnlyList<string> args)
    {
        var result = RunServerProgramRaw(program, args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed (exit {result.ExitCode}): {result.Output.Trim()}");
    }

    // initdb refuses to run as root: run the server programs as the postgres OS user then.
    private static ProcessResult RunServerProgramRaw(string program, IReadOnlyList<string> args) =>
        RunningAsRoot
            ? ProcessRunner.Run("runuser", ["-u", ServerUser, "--", program, .. args])
            : ProcessRunner.Run(program, args);

    private static bool Serves(LocalPostgresState state)
    {
        try
        {
            using var connection = new NpgsqlConnection(new LocalPostgresInstance(state.DataDirectory, state.Port, false, true).ConnectionString());
            connection.Open();
            using var command = new NpgsqlCommand("SELECT current_setting('data_directory')", connection);
            return command.ExecuteScalar() is string folder
                   && Path.GetFullPath(folder).TrimEnd('/') == Path.GetFullPath(state.DataDirectory).TrimEnd('/');
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            return false; // not running, another server on the port, or no warehouse database yet: the full path decides
        }
    }

    // The engine's own creation, so the admin connection is derived from the target in one place (WithDatabase).
    private static void EnsureDatabase(string connectionString) => new PostgreSqlEngine(connectionString).EnsureDatabaseExists();

    /// <summary>
    /// The state file, read tolerantly: a missing, empty, truncated or garbled one (a command killed while
    /// writing, before writes were atomic, or a hand edit) is rebuilt from the cluster on disk: its data
    /// folder is where <see cref="ChooseDataDirectory"/> puts it, and a running server's port is in its
    /// postmaster.pid. Null when there is no cluster to rebuild from.
    /// </summary>
    private LocalPostgresState? ReadState()
    {
        if (File.Exists(StateFile))
        {
            try
            {
                var state = JsonSerializer.Deserialize<LocalPostgresState>(File.ReadAllText(StateFile));
                if (state is { DataDirectory.Length: > 0, Port: > 0 and < 65536 })
                    return state;
            }
            catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
            {
                // unreadable: rebuilt below
            }
            _log($"{StateFile} is unreadable; rebuilding it from the cluster on disk");
        }
        return RebuildState();
    }

    private LocalPostgresState? RebuildState()
    {
        var dataDirectory = ChooseDataDirectory();
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
            return null;
        var port = RunningPort(dataDirectory) ?? FreePort();
        var state = new LocalPostgresState(dataDirectory, port);
        if (Directory.Exists(_stateDirectory))
            WriteState(state);
        return state;
    }

    // postmaster.pid line 4 is the port the running server listens on (PostgreSQL's documented layout).
    private static int? RunningPort(string dataDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) && port is > 0 and < 65536 ? port : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Write-then-rename: a reader sees the old file or the new one, never half of one, whatever runs at once.
    private void WriteState(LocalPostgresState state)
    {
        var temporary = $"{StateFile}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, StateFile, overwrite: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

public sealed record LocalPostgresOptions
{
    /// <summary>Test clusters trade durability for speed (no fsync); a developer's cluster keeps it.</summary>
    public bool Throwaway { get; init; }
}

public sealed record LocalPostgresState(string DataDirectory, int Port);

public sealed record LocalPostgresInstance(string DataDirectory, int Port, bool Created, bool Reused)
{
    public string ConnectionString(string database = LocalPostgres.DefaultDatabase) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
        }.ConnectionString;
}

public sealed record ProcessResult(int ExitCode, string Output);

internal static class ProcessRunner
{
    public static ProcessResult Run(string program, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        // Read both streams concurrently so a chatty child cannot block on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result + stderr.Result);
    }

    public static void Check(string program, IReadOnlyList<string> args)
    {
        var result = Run(program, args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed (exit {result.ExitCode}): {result.Output.Trim()}");
    }
}
