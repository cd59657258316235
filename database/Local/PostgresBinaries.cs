namespace Warehouse.Database.Local;

/// <summary>Finds the machine's PostgreSQL server programs (initdb, pg_ctl).</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>Searches PATH, then the Debian layout (/usr/lib/postgresql/N/bin), newest first.</summary>
    public static PostgresBinaries Locate(string? path = null, IEnumerable<string>? extraRoots = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                return new PostgresBinaries(dir);
        }
        foreach (var root in extraRoots ?? ["/usr/lib/postgresql"])
        {
            if (!Directory.Exists(root))
                continue;
            var candidate = Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault();
            if (candidate is not null)
                return new PostgresBinaries(candidate);
        }
        throw new PostgresNotFoundException();
    }
}

public sealed class PostgresNotFoundException() : Exception(
    "No database is configured and no PostgreSQL server programs (initdb, pg_ctl) were found. Either install " +
    "PostgreSQL 15 (Debian: apt-get install postgresql), or set ConnectionStrings__Warehouse (with Warehouse__Engine) " +
    "to an existing server, or run `docker compose up` for SQL Server.");
