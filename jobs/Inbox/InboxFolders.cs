using Warehouse.Jobs.Hosting;

namespace Warehouse.Jobs.Inbox;

/// <summary>
/// Where a source's files wait and where they go: `&lt;inbox&gt;/` (dropped here), `processing/` (claimed by
/// one worker), `archive/` (loaded) and `rejected/` (with a report beside each file). Nothing is deleted.
/// </summary>
public sealed class InboxFolders(JobsOptions options)
{
    public const string Processing = "processing";
    public const string Archive = "archive";
    public const string Rejected = "rejected";

    public string For(string source) =>
        options.Inbox.FolderPaths.TryGetValue(source, out var folder) ? folder : Path.Combine(options.Inbox.RootPath, source);

    public string ProcessingFor(string source) => Path.Combine(For(source), Processing);
    public string ArchiveFor(string source) => Path.Combine(For(source), Archive);
    public string RejectedFor(string source) => Path.Combine(For(source), Rejected);

    public void Ensure(string source)
    {
        foreach (var folder in new[] { For(source), ProcessingFor(source), ArchiveFor(source), RejectedFor(source) })
            Directory.CreateDirectory(folder);
    }

    /// <summary>Files dropped in the source's folder (not its sub-folders), skipping temporary and hidden files.</summary>
    public IReadOnlyList<FileInfo> Waiting(string source) => Candidates(For(source));

    public IReadOnlyList<FileInfo> Interrupted(string source) => Candidates(ProcessingFor(source));

    private static IReadOnlyList<FileInfo> Candidates(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles().Where(f => !IsTemporary(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList()
            : [];

    // Office lock files, browser downloads in progress, copy tools' temporaries, hidden files.
    public static bool IsTemporary(string name) =>
        name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal)
        || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".partial", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".report.txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>A name in <paramref name="folder"/> that does not exist yet: `name.csv`, then `name (2).csv`…</summary>
    public static string FreeName(string folder, string fileName)
    {
        var candidate = Path.Combine(folder, fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var n = 2; File.Exists(candidate) || File.Exists(candidate + ".report.txt"); n++)
            candidate = Path.Combine(folder, $"{stem} ({n}){extension}");
        return candidate;
    }
}

/// <summary>Whether a dropped file is complete: not written to for a while and openable exclusively.</summary>
public static class FileReadiness
{
    public static bool IsReady(FileInfo file, TimeSpan stableFor, TimeProvider time)
    {
        file.Refresh();
        if (!file.Exists || time.GetUtcNow().UtcDateTime - file.LastWriteTimeUtc < stableFor)
            return false;
        try
        {
            // Windows refuses this while a copy holds the file open; on Unix it fails against a writer's
            // lock, and the quiet-period check above covers copiers that take no lock.
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.None);
            return stream.Length == file.Length;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
