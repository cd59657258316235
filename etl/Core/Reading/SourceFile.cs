using System.Security.Cryptography;

namespace Warehouse.Etl.Core.Reading;

/// <summary>A file offered for loading, identified by the SHA-256 of its bytes.</summary>
public sealed record SourceFile(string Path, string FileName, string Sha256, long SizeBytes)
{
    public static SourceFile Open(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"{path} does not exist.", path);
        using var stream = info.OpenRead();
        var hash = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        return new SourceFile(info.FullName, info.Name, hash, info.Length);
    }
}
