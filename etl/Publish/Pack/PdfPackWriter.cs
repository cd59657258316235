using System.Diagnostics;

namespace Warehouse.Etl.Publish.Pack;

/// <summary>The pack's PDF could not be made because a tool is missing or failed: a setup problem, not a bug.</summary>
public sealed class PackToolException(string message) : Exception(message);

/// <summary>
/// The pack as an A4 PDF: the html pack printed by headless Chromium. The print CSS of the html sets the page, the
/// header and footer (committee, meeting and report month; data as at; page n of m); Chromium's own header and
/// footer (file name, date) are switched off.
/// </summary>
public static class PdfPackWriter
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    /// <summary>The browser to print with: WAREHOUSE_CHROMIUM if set, else the usual install paths; null when none.</summary>
    public static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("WAREHOUSE_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? configured : null;
        return Candidates.FirstOrDefault(File.Exists);
    }

    public static void Write(ReportPack pack, string path, TimeSpan? timeout = null)
    {
        var chromium = FindChromium() ?? throw new PackToolException(
            "A PDF pack needs headless Chromium, which is not installed (apt-get install chromium, or set WAREHOUSE_CHROMIUM to the browser).");
        var work = Directory.CreateTempSubdirectory("warehouse-pack-");
        try
        {
            var html = Path.Combine(work.FullName, "pack.html");
            HtmlPackWriter.Write(pack, html);
            var output = Path.Combine(work.FullName, "pack.pdf");
            var info = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                         $"--user-data-dir={Path.Combine(work.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(html).AbsoluteUri })
                info.ArgumentList.Add(argument);
            using var process = Process.Start(info) ?? throw new PackToolException($"Chromium ({chromium}) did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new PackToolException($"Chromium ({chromium}) did not finish printing the PDF within {(timeout ?? TimeSpan.FromSeconds(120)).TotalSeconds:0} s.");
            }
            if (process.ExitCode != 0 || !File.Exists(output))
                throw new PackToolException($"Chromium ({chromium}) could not print the PDF (exit {process.ExitCode}): {stderr.Result.Split('\n').FirstOrDefault(l => l.Length > 0)}");
            File.Copy(output, path, overwrite: true);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
