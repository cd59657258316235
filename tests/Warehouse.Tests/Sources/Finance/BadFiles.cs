using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>A formula cell whose cached result is an Excel error (#REF!, #DIV/0!…).</summary>
public sealed record FormulaError(string Code);

/// <summary>
/// Tiny source files written by the tests: xlsx through DocumentFormat.OpenXml (numbers, text, dates,
/// formula errors), csv as strings, raw bytes, and an encrypted (password-protected) workbook container.
/// Each call writes into its own temporary folder, so names can repeat across tests.
/// </summary>
public static class BadFiles
{
    public static string Folder()
    {
        return TestFolders.New("fq");
    }

    public static string Csv(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder(), name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public static string Csv(string name, IEnumerable<string> lines) => Csv(name, string.Join("\n", lines) + "\n");

    public static string Bytes(string name, byte[] content)
    {
        var path = Path.Combine(Folder(), name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>An xlsx with one or more sheets; cells are string, number, DateTime, bool, <see cref="FormulaError"/> or null.</summary>
    public static string Xlsx(string name, params (string Sheet, IEnumerable<object?[]> Rows)[] sheets)
    {
        var path = Path.Combine(Folder(), name);
        WriteXlsx(path, sheets);
        return path;
    }

    public static string Xlsx(string name, string sheet, IEnumerable<object?[]> rows) => Xlsx(name, (sheet, rows));

    public static void WriteXlsx(string path, params (string Sheet, IEnumerable<object?[]> Rows)[] sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        // Style 1 is a date (built-in format 14), so ExcelDataReader returns DateTime for it.
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var (sheetName, rows) in sheets)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint rowIndex = 0;
            foreach (var cells in rows)
            {
                rowIndex++;
                var row = new Row { RowIndex = rowIndex };
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c] is null)
                        continue;
                    var cell = new Cell { CellReference = ColumnName(c) + rowIndex };
                    switch (cells[c])
                    {
                        case string s:
                            cell.DataType = CellValues.InlineString;
                            cell.InlineString = new InlineString(new Text(s) { Space = SpaceProcessingModeValues.Preserve });
                            break;
                        case DateTime d:
                            cell.StyleIndex = 1;
                            cell.CellValue = new CellValue(d.ToOADate().ToString(CultureInfo.InvariantCulture));
                            break;
                        case bool b:
                            cell.DataType = CellValues.Boolean;
                            cell.CellValue = new CellValue(b ? "1" : "0");
                            break;
                        case FormulaError e:
                            cell.DataType = CellValues.Error;
                            cell.CellFormula = new CellFormula("#REF!+1");
                            cell.CellValue = new CellValue(e.Code);
                            break;
                        case var number:
                            cell.CellValue = new CellValue(Convert.ToString(number, CultureInfo.InvariantCulture)!);
                            break;
                    }
                    row.Append(cell);
                }
                data.Append(row);
            }
            worksheetPart.Worksheet = new Worksheet(data);
            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = id++, Name = sheetName });
        }
        workbookPart.Workbook.Save();
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>
    /// A password-protected xlsx as Excel writes it: an OLE compound file holding an agile EncryptionInfo
    /// stream and an EncryptedPackage stream (not a zip). The key material is random, so no password opens
    /// it, which is all a reader can tell about any protected file without the password.
    /// </summary>
    public static string PasswordProtectedXlsx(string name)
    {
        var path = Path.Combine(Folder(), name);
        File.WriteAllBytes(path, CompoundFile.Build(
            ("EncryptionInfo", AgileEncryptionInfo()),
            ("EncryptedPackage", EncryptedPackage())));
        return path;
    }

    private static byte[] AgileEncryptionInfo()
    {
        string B64(int bytes) => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="{B64(16)}"/><dataIntegrity encryptedHmacKey="{B64(64)}" encryptedHmacValue="{B64(64)}"/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="1000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="{B64(16)}" encryptedVerifierHashInput="{B64(16)}" encryptedVerifierHashValue="{B64(64)}" encryptedKeyValue="{B64(32)}"/></keyEncryptor></keyEncryptors></encryption>
            """;
        var body = Encoding.UTF8.GetBytes(xml.PadRight(4200)); // ≥ 4096 bytes: a regular stream, no mini stream needed
        var info = new byte[8 + body.Length];
        BitConverter.GetBytes((ushort)4).CopyTo(info, 0); // version 4.4 = agile
        BitConverter.GetBytes((ushort)4).CopyTo(info, 2);
        BitConverter.GetBytes(0x40u).CopyTo(info, 4);
        body.CopyTo(info, 8);
        return info;
    }

    private static byte[] EncryptedPackage()
    {
        var package = new byte[8 + 8192];
        BitConverter.GetBytes(8000L).CopyTo(package, 0); // the plain package size, then AES blocks
        System.Security.Cryptography.RandomNumberGenerator.Fill(package.AsSpan(8));
        return package;
    }

    /// <summary>A minimal OLE compound file (version 3, 512-byte sectors) with streams of at least 4096 bytes.</summary>
    private static class CompoundFile
    {
        private const uint Free = 0xFFFFFFFF, EndOfChain = 0xFFFFFFFE, FatSector = 0xFFFFFFFD, NoStream = 0xFFFFFFFF;

        public static byte[] Build(params (string Name, byte[] Data)[] streams)
        {
            const int sector = 512;
            var fat = new List<uint> { FatSector, EndOfChain }; // sector 0: FAT, sector 1: directory
            var starts = new List<uint>();
            foreach (var (_, data) in streams)
            {
                var count = (data.Length + sector - 1) / sector;
                starts.Add((uint)fat.Count);
                for (var i = 0; i < count; i++)
                    fat.Add(i == count - 1 ? EndOfChain : (uint)fat.Count + 1);
            }
            if (fat.Count > 128)
                throw new InvalidOperationException("Streams too large for one FAT sector.");

            using var output = new MemoryStream();
            var header = new byte[sector];
            new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header, 0);
            Put(header, 0x18, (ushort)0x3E);
            Put(header, 0x1A, (ushort)3);
            Put(header, 0x1C, (ushort)0xFFFE);
            Put(header, 0x1E, (ushort)9);
            Put(header, 0x20, (ushort)6);
            Put(header, 0x2C, 1u); // FAT sectors
            Put(header, 0x30, 1u); // first directory sector
            Put(header, 0x38, 4096u); // mini stream cut-off
            Put(header, 0x3C, EndOfChain); // no mini FAT
            Put(header, 0x44, EndOfChain); // no DIFAT sectors
            for (var i = 0; i < 109; i++)
                Put(header, 0x4C + i * 4, i == 0 ? 0u : Free);
            output.Write(header);

            var fatSector = new byte[sector];
            for (var i = 0; i < 128; i++)
                Put(fatSector, i * 4, i < fat.Count ? fat[i] : Free);
            output.Write(fatSector);

            // Directory: root, then the streams as a chain of right siblings (names ordered by length, then text).
            var directory = new byte[sector];
            Entry(directory, 0, "Root Entry", 5, NoStream, NoStream, 1, EndOfChain, 0);
            for (var i = 0; i < streams.Length; i++)
                Entry(directory, i + 1, streams[i].Name, 2, NoStream, i + 1 < streams.Length ? (uint)(i + 2) : NoStream, NoStream,
                    starts[i], (uint)streams[i].Data.Length);
            for (var i = streams.Length + 1; i < 4; i++)
                Entry(directory, i, "", 0, NoStream, NoStream, NoStream, 0, 0);
            output.Write(directory);

            foreach (var (_, data) in streams)
            {
                output.Write(data);
                output.Write(new byte[(sector - data.Length % sector) % sector]);
            }
            return output.ToArray();
        }

        private static void Entry(byte[] directory, int index, string name, byte type, uint left, uint right, uint child, uint start, uint size)
        {
            var at = index * 128;
            if (name.Length > 0)
            {
                Encoding.Unicode.GetBytes(name).CopyTo(directory, at);
                Put(directory, at + 0x40, (ushort)((name.Length + 1) * 2));
            }
            directory[at + 0x42] = type;
            directory[at + 0x43] = 1; // black
            Put(directory, at + 0x44, left);
            Put(directory, at + 0x48, right);
            Put(directory, at + 0x4C, child);
            Put(directory, at + 0x74, start);
            Put(directory, at + 0x78, size);
        }

        private static void Put(byte[] buffer, int offset, ushort value) => BitConverter.GetBytes(value).CopyTo(buffer, offset);
        private static void Put(byte[] buffer, int offset, uint value) => BitConverter.GetBytes(value).CopyTo(buffer, offset);
    }
}
