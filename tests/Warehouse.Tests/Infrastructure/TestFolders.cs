using System.Diagnostics;

namespace Warehouse.Tests.Infrastructure;

/// <summary>
/// Scratch folders for the files tests write (malformed workbooks, copies of samples, report packs). They
/// all live under one folder per test run, removed when the run ends; a run that was killed leaves its
/// folder behind, and the next run removes it. Nothing piles up in the temp folder.
/// </summary>
public static class TestFolders
{
    private static readonly Lazy<string> RunFolder = new(CreateRunFolder);

    /// <summary>A new empty folder, named with the prefix so a leftover can be traced to its test.</summary>
    public static string New(string prefix)
    {
        var folder = Path.Combine(RunFolder.Value, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string CreateRunFolder()
    {
        var parent = Path.Combine(Path.GetTempPath(), "warehouse-tests");
        Directory.CreateDirectory(parent);
        foreach (var earlier in Directory.GetDirectories(parent, "run-*"))
            if (int.TryParse(Path.GetFileName(earlier)["run-".Length..], out var pid) && !IsRunning(pid))
                TryDelete(earlier);
        var folder = Path.Combine(parent, $"run-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        return folder;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a file still open: the next run removes it */ }
        catch (UnauthorizedAccessException) { }
    }
}
