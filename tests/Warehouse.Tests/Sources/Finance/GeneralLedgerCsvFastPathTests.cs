using System.Globalization;
using System.Text;
using Warehouse.Etl.Core.Reading;
using Warehouse.Etl.Sources.Finance;

namespace Warehouse.Tests.Sources.Finance;

/// <summary>
/// The GL reader's csv fast path (plain rows parsed from their characters) against its general path (every row a
/// <see cref="SheetRow"/> of strings, as before): on files of every awkward kind the two must yield the same rows,
/// sums and errors, and refuse a file with the same message at the same place.
/// </summary>
public sealed class GeneralLedgerCsvFastPathTests
{
    private const string Header = "Cost Centre,Account,Account Name,Fiscal Year,Period,Budget,Actual";

    // Plain rows of one cost centre, the kind the fast path takes.
    private static IEnumerable<string> Plain(string costCentre, int from, int count = 3) =>
        Enumerable.Range(from, count).Select(i => $"{costCentre},{i},Subjective {i % 7},2018/19,6,{i % 1000}.25,-{i % 100}.5");

    private static string Lines(params IEnumerable<string>[] parts) => string.Join("\n", parts.SelectMany(p => p)) + "\n";

    private static string[] Of(params string[] lines) => lines;

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>Each fixture: its file name, its bytes, and the limits it is read under (null: the defaults).</summary>
    private static readonly Dictionary<string, (string File, byte[] Bytes, ReadLimits? Limits)> Fixtures = new()
    {
        ["plain"] = Csv(Lines(Of("Period 6 2018/19 (Sep-18) ledger extract", Header), Plain("CC100", 4000, 5), Plain("CC101", 4000, 5),
            Of("Total,,,,,22.50,-25.00"))),
        ["quoted cells"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("\"CC100\",\"4100\",\"Pay, overtime\",\"2018/19\",\"6\",\"10.50\",\"5\"",
                "CC100,4101,\"Supplies \"\"A\"\" and \"\"B\"\"\",2018/19,6,1,2",
                "CC100,\"41\"\"02\",\"Two\nlines\",2018/19,6,3,4",
                "\"CC100\",4103,\"\",2018/19,\"\",\"\",\"\""),
            Plain("CC100", 4200), Of("\"Total\",,,,,\"10\",\"5\""))),
        ["crlf"] = Csv(Lines(Of("GL extract", Header), Plain("CC100", 4000, 4), Of("Total,,,,,1,1")).Replace("\n", "\r\n")),
        ["cr only"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 4), Of("Total,,,,,1,1")).Replace("\n", "\r")),
        ["crlf, no line end at the end"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 4), Of("Total,,,,,1,1")).Replace("\n", "\r\n").TrimEnd()),
        ["utf-8 bom"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 4), Of("Total,,,,,1,1")), new UTF8Encoding(true)),
        ["utf-16 bom"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 4), Of("Café,4999,Crème brûlée,2018/19,6,1.00,2.00", "Total,,,,,1,1")), new UnicodeEncoding(false, true)),
        ["utf-16 big-endian bom"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 4), Of("Total,,,,,1,1")), new UnicodeEncoding(true, true)),
        ["blank rows"] = Csv(Lines(Of("", "Title", "", Header), Plain("CC100", 4000), Of("", ",,,,,,", "  , ,\t,,,,", ",,,,,,,,,"), Plain("CC100", 4100),
            Of("", "Total,,,,,1,1", "", ",,,"))),
        ["wider than the header"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CC100,4100,Pay, overtime,2018/19,6,1,2", "CC100,4101,Pay,2018/19,6,1,2,,", "CC100,4102,Pay,2018/19,6,1,2, ", "CC100,4103,Pay,2018/19,6,1,2,,x"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["header with empty cells at its end"] = Csv(Lines(Of(Header + ",,"), Plain("CC100", 4000),
            Of("CC100,4100,Pay,2018/19,6,1,2,,", "CC100,4101,Pay,2018/19,6,1,2,,,", "CC100,4102,Pay,2018/19,6,1,2,,,x"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["narrower than the header"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CC100,4100,Pay,2018/19,6,1", "CC100,4101,Pay,2018/19,6", "CC100,4102", "CC100"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["empty and odd amounts"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CC100,4100,Pay,2018/19,6,,5", "CC100,4101,Pay,2018/19,6,5,", "CC100,4102,Pay,2018/19,6, ,5",
                "CC100,4103,Pay,2018/19,6,-,5", "CC100,4104,Pay,2018/19,6,-0,5", "CC100,4105,Pay,2018/19,6,-0.00,0.0",
                "CC100,4106,Pay,2018/19,6,007.50,+5", "CC100,4107,Pay,2018/19,6,.5,5.", "CC100,4108,Pay,2018/19,6,£12,(12)",
                "CC100,4109,Pay,2018/19,6,12k,£k", "CC100,4110,Pay,2018/19,6, 12.50 ,\u00a07.5\u00a0", "CC100,4111,Pay,2018/19,6,1e3,12%",
                "CC100,4112,Pay,2018/19,6,n/a,#REF!", "CC100,4113,Pay,2018/19,6,\u22125,\u20135", "CC100,4114,Pay,2018/19,6,1 000,--5",
                "CC100,4115,Pay,2018/19,6,0,-1234567.89"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["thousands separators refused"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CC100,4100,Pay,2018/19,6,\"1,234.56\",5", "CC100,4101,Pay,2018/19,6,\"12,5\",5", "CC100,4102,Pay,2018/19,6,\"1.234,56\",5"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["decimals"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CC100,4100,Pay,2018/19,6,1.234,5", "CC100,4101,Pay,2018/19,6,1.230,5", "CC100,4102,Pay,2018/19,6,1.2,5.10",
                "CC100,4103,Pay,2018/19,6,1.2345678901234567890123456789,5", "CC100,4104,Pay,2018/19,6,0.001,5"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["large figures"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CC100,4100,Pay,2018/19,6,999999999999.99,-999999999999.99", "CC100,4101,Pay,2018/19,6,1000000000000,1000000000000.01",
                "CC100,4102,Pay,2018/19,6,123456789012345678901234567890,5", "CC100,4103,Pay,2018/19,6,99999999999999999,5",
                "CC100,4104,Pay,2018/19,6,0000000000000000000001.5,5", "CC100,4105,Pay,2018/19,6,999999999999999999.99,5"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["a control character in a cell"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC100,4100,Pay\u0001,2018/19,6,1,2"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["a NUL in a cell"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC\u0000100,4100,Pay,2018/19,6,1,2"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["U+FFFD in a quoted cell"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC100,4100,\"Pay, \uFFFD\",2018/19,6,1,2"), Of("Total,,,,,1,1"))),
        ["a C1 control in an amount"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC100,4100,Pay,2018/19,6,1\u0085,2"), Of("Total,,,,,1,1"))),
        ["a control character in the header"] = Csv(Lines(Of("Title\u0007", Header), Plain("CC100", 4000), Of("Total,,,,,1,1"))),
        ["tabs and spaces around cells"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of(" CC100 , 4100 , Pay ,2018/19, 6 , 1.50 , 2 ", "\tCC100\t,\t4101\t,\tPay\t,\t2018/19\t,\t6\t,\t1.50\t,\t2\t", "CC100,4102,  ,2018/19,6,1,2"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["letter case of codes"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Plain("cc100", 4100), Plain("Cc100", 4200), Plain("CC100", 4300),
            Of("cc101,4000,Pay,2018/19,6,1,2", "Total,,,,,1,1"))),
        ["empty codes"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of(",4100,Pay,2018/19,6,1,2", "CC100,,Pay,2018/19,6,1,2", "  ,  ,Pay,2018/19,6,1,2", "CC100,4101,,2018/19,6,1,2"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["a Total row that does not add up"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 6), Of("Total,,,,,1.00,2.00"))),
        ["a Total row that adds up"] = Csv(Lines(Of(Header), Of("CC100,4000,Pay,2018/19,6,1.25,2", "CC100,4001,Pay,2018/19,6,2.75,-3.5", "CC100,4002,Pay,2018/19,6,6,1.5"),
            Of("Total,,,,,10.00,0"))),
        ["rows after the Total row"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("Total,,,,,1,1"), Plain("CC100", 4100), Of("", "CC101,4000,Pay,2018/19,6,1,2", ",,,,,,"))),
        ["a Total row in lower case, padded, with a bad amount"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("  total  ,,,,,x,"))),
        ["no Total row"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 5))),
        ["a header and no data rows"] = Csv(Lines(Of("Title", Header, "", ",,,"))),
        ["no header"] = Csv(Lines(Of("Cost Centre,Account,Budget", "CC100,4000,1"))),
        ["a title period that disagrees"] = Csv(Lines(Of("Period 5 2018/19 (Aug-18)", Header), Plain("CC100", 4000, 5), Of("Total,,,,,1,1"))),
        ["a title period that agrees"] = Csv(Lines(Of("GL extract", "Period 6 2018/19", Header), Plain("CC100", 4000, 5), Of("Total,,,,,1,1"))),
        ["in-thousands headers"] = Csv(Lines(Of("Cost Centre,Account,Account Name,Fiscal Year,Period,Budget £000,Actual (£000)"),
            Plain("CC100", 4000), Of("CC100,4100,Pay,2018/19,6,1.5,-2.25", "CC100,4101,Pay,2018/19,6,1.234,0", "CC100,4102,Pay,2018/19,6,999999999,1000000000.01",
                "CC100,4103,Pay,2018/19,6,0.00,-0"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["in thousands by the title, pounds by a header"] = Csv(Lines(Of("Values in £000", "Cost Centre,Account,Period,Fiscal Year,Budget,Actual £"),
            Enumerable.Range(0, 5).Select(i => $"CC100,{4000 + i},6,2018/19,{i}.5,{i}.25"), Of("Total,,,,1,1"))),
        ["no year column"] = Csv(Lines(Of("Cost Centre,Account,Period,Budget,Actual"),
            Enumerable.Range(0, 4).Select(i => $"CC100,{4000 + i},Sep-18,1,2"),
            Of("CC100,4100,2018-09,1,2", "CC100,4101, Sep-18 ,1,2", "CC100,4102,Oct-18,1,2", "CC100,4103,6,1,2", "CC100,4104,,1,2", "CC100,4105,Sept 2018,1,2",
                "CC100,4106,May-45,1,2", "CC100,4107,Period 6 2018/19,1,2"),
            Enumerable.Range(0, 3).Select(i => $"CC100,{4200 + i},Sep-18,1,2"), Of("Total,,,1,1"))),
        ["period and year cells"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CC100,4100,Pay,2018/19,06,1,2", "CC100,4101,Pay,2018/19,6.0,1,2", "CC100,4102,Pay,2018/19,006,1,2", "CC100,4103,Pay,2018/19,14,1,2",
                "CC100,4104,Pay,2018/19,0,1,2", "CC100,4105,Pay,2018/20,6,1,2", "CC100,4106,Pay,,Sep-18,1,2", "CC100,4107,Pay,,6,1,2",
                "CC100,4108,Pay,2018-19,6,1,2", "CC100,4109,Pay,18/19,6,1,2", "CC100,4110,Pay,2018/19,Sep-18,1,2", "CC100,4111,Pay,2019/20,6,1,2",
                "CC100,4112,Pay,2018/19,7,1,2", "CC100,4113,Pay,2018/19,-6,1,2", "CC100,4114,Pay,2018/19, 6 ,1,2", "CC100,4115,Pay,2018/19,٦,1,2"),
            Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["a bad first row, then plain ones"] = Csv(Lines(Of(Header), Of("CC100,4000,Pay,2018/19,6,12x,5"), Plain("CC100", 4100, 5), Of("Total,,,,,1,1"))),
        ["a first row of another period"] = Csv(Lines(Of(Header), Of("CC100,4000,Pay,2018/19,5,1,2"), Plain("CC100", 4100, 5), Of("Total,,,,,1,1"))),
        ["columns reordered, aliases, an unknown column"] = Csv(Lines(
            Of("Revised Budget,YTD Actual,Accounting Period,Financial Year,Directorate,Subjective,Cost Centre Code,Subjective Description"),
            Enumerable.Range(0, 5).Select(i => $"{i}.10,{i}.20,6,2018/19,Adults,{5000 + i},CC200,Name {i}"),
            Of("3,4,6,2018/19,,5100,CC200,", "Total,,,,,,,"), Of("5,5,,,,,Total,"))),
        ["an unclosed quote"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC100,4100,\"Pay,2018/19,6,1,2"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["text after a closing quote"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC100,\"41\"00,Pay,2018/19,6,1,2"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["a quote inside an unquoted cell"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC100,4100,Pay 12\" pipes,2018/19,6,1,2"), Plain("CC100", 4200), Of("Total,,,,,1,1"))),
        ["more rows than the limit"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 10), Of("Total,,,,,1,1")), limits: new ReadLimits { MaxRows = 6 }),
        ["the Total row past the limit"] = Csv(Lines(Of(Header), Plain("CC100", 4000, 5), Of("Total,,,,,1,1")), limits: new ReadLimits { MaxRows = 6 }),
        ["a row wider than the column limit"] = Csv(Lines(Of(Header), Plain("CC100", 4000), Of("CC100,4100,Pay,2018/19,6,1,2,,,"), Of("Total,,,,,1,1")),
            limits: new ReadLimits { MaxColumns = 8 }),
        ["non-ASCII text"] = Csv(Lines(Of(Header), Plain("CC100", 4000),
            Of("CÇ100,4100,Café crème,2018/19,6,1,2", "CC100,4101,Stationery 📎,2018/19,6,1,2", "CC100,4102,Na\u00efve\u2019s,2018/19,6,1,2"), Plain("CC100", 4200),
            Of("Total,,,,,1,1"))),
        ["not UTF-8"] = ("gl.csv", [.. Encoding.UTF8.GetBytes(Lines(Of(Header), Plain("CC100", 4000))), .. "CC100,4100,Caf"u8, 0xE9, .. ",2018/19,6,1,2\n"u8], null),
        ["an empty file"] = ("gl.csv", [], null),
        ["upper-case extension"] = ("GL.CSV", Utf8.GetBytes(Lines(Of(Header), Plain("CC100", 4000, 4), Of("Total,,,,,1,1"))), null),
        ["many cost centres"] = Csv(Lines(Of(Header), Enumerable.Range(0, 40).SelectMany(c => Plain($"CC{c % 13:D3}", 4000 + c, 7)), Of("Total,,,,,0,0"))),
    };

    private static (string, byte[], ReadLimits?) Csv(string text, Encoding? encoding = null, ReadLimits? limits = null)
    {
        encoding ??= Utf8;
        return ("gl.csv", [.. encoding.GetPreamble(), .. encoding.GetBytes(text)], limits);
    }

    public static TheoryData<string> FixtureNames() => new(Fixtures.Keys);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void FastPath_ReadsEveryFixture_AsTheGeneralPathDoes(string fixture)
    {
        var (file, bytes, limits) = Fixtures[fixture];
        var path = BadFiles.Bytes(file, bytes);

        var general = Read(path, fast: false, limits);
        var fast = Read(path, fast: true, limits);

        Assert.Equal(0, general.PlainRows);
        Assert.Equal(general.Refusal, fast.Refusal);
        Assert.Equal(general.Rows, fast.Rows);
        Assert.Equal(general.Totals, fast.Totals);
        Assert.Equal(general.Errors, fast.Errors);
    }

    [Fact]
    public void TheFixtures_TakeTheFastPath_AndLeaveIt()
    {
        // The comparison above proves nothing of a fast path never taken, nor of a fallback never needed.
        var plain = Read(Write("plain"), fast: true, null);
        Assert.Equal(10, plain.Rows.Count);
        Assert.Equal(9, plain.PlainRows); // the first data row sets the file's period the general way
        Assert.Empty(plain.Errors);

        var quoted = Read(Write("quoted cells"), fast: true, null);
        Assert.InRange(quoted.PlainRows, 7, quoted.Rows.Count - 1);

        var odd = Read(Write("empty and odd amounts"), fast: true, null);
        Assert.NotEmpty(odd.Errors);
        Assert.InRange(odd.PlainRows, 5, odd.Rows.Count - 1);
    }

    private static string Write(string fixture) => BadFiles.Bytes(Fixtures[fixture].File, Fixtures[fixture].Bytes);

    [Fact]
    public void FastPath_YieldsQuotedCellsUnquoted_WithTheirAmountsAsWritten()
    {
        var path = BadFiles.Bytes("gl.csv", [.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes(
            "Cost Centre,Account,Account Name,Fiscal Year,Period,Budget,Actual\r\n" +
            "CC100,4000,Pay,2018/19,6,1.50,-2\r\n" +
            "\"CC100\",\"4001\",\"Pay, overtime\",2018/19,6,\"10.50\",0.00\r\n" +
            "CC100,4002,\"Supplies \"\"A\"\"\",2018/19,06, 7 ,-0.10\r\n" +
            "CC101,4000,,2018/19,6,1000000.01,3\r\n" +
            "Total,,,,,1000019.01,0.90\r\n")]);
        var errors = new RowErrors("gl.csv");
        var reader = new GeneralLedgerReader(path, errors).Open();

        var rows = reader.Rows().Select(r => (r.SourceRow, r.CostCentreCode, r.AccountCode, r.AccountName, Text(r.Budget), Text(r.Actual))).ToList();

        Assert.Empty(errors.Kept);
        Assert.Equal(
        [
            (2, "CC100", "4000", "Pay", "1.50", "-2"),
            (3, "CC100", "4001", "Pay, overtime", "10.50", "0"),
            (4, "CC100", "4002", "Supplies \"A\"", "7", "-0.10"),
            (5, "CC101", "4000", null, "1000000.01", "3"),
        ], rows);
        Assert.Equal(3, reader.PlainRows);
        Assert.Equal((1000019.01m, 0.90m), (reader.BudgetSum, reader.ActualSum));
        Assert.Equal(["CC100", "CC101"], reader.CostCentres.Order());
    }

    [Fact]
    public void FastPath_LeavesABadRowToTheGeneralPath_WhichRejectsItAtItsCell()
    {
        var path = BadFiles.Csv("gl.csv", Lines(Of(Header, "CC100,4000,Pay,2018/19,6,1,2", "CC100,4001,Pay,2018/19,6,1.234,2",
            "CC100,4002,Pay,2018/19,6,\"1,234.56\",2", "CC100,4003,Pay,2018/19,7,1,2", "Total,,,,,3,8", "CC100,4004,Pay,2018/19,6,1,2")));
        var errors = new RowErrors("gl.csv");
        var reader = new GeneralLedgerReader(path, errors).Open();

        var rows = reader.Rows().ToList();

        Assert.Equal([2], rows.Select(r => r.SourceRow));
        Assert.Equal(
        [
            new RowError("gl.csv", "gl", 3, "Budget", "1.234", "has more than 2 decimal places; the GL extract format gives pounds and pence (e.g. 1234.56)"),
            new RowError("gl.csv", "gl", 4, "Budget", "1,234.56", "has a thousands separator; the GL extract format writes figures without one (e.g. 1234.56)"),
            new RowError("gl.csv", "gl", 5, "Period", "Oct-18", "is a different period from the file's Sep-18 (first data row); one file holds one period"),
            new RowError("gl.csv", "gl", 7, "Cost Centre", "CC100", "follows the Total row (row 6); nothing may follow it"),
        ], errors.Kept);
        Assert.Equal(4, reader.DataRows); // a row after the Total row is not a data row
    }

    [Fact]
    public void FastPath_RefusesAControlCharacter_AsTheGeneralReaderDoes()
    {
        var path = BadFiles.Csv("gl.csv", Lines(Of(Header, "CC100,4000,Pay,2018/19,6,1,2", "CC100,4001,Pay,2018/19,6,1,2", "CC100,4002,Pa\u0001y,2018/19,6,1,2")));
        var reader = new GeneralLedgerReader(path, new RowErrors("gl.csv")).Open();
        var rows = new List<GlRow>();

        var refused = Assert.Throws<SourceFormatException>(() => rows.AddRange(reader.Rows()));

        Assert.Equal(("gl.csv", "gl", 4, "column 3"), (refused.File, refused.Sheet, refused.Row, refused.Column));
        Assert.Equal("holds the control character U+0001 at position 3, which the warehouse does not store; remove it", refused.Reason);
        Assert.Equal([2, 3], rows.Select(r => r.SourceRow));
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Outcome(List<string> Rows, string Totals, List<RowError> Errors, string? Refusal, long PlainRows);

    private static Outcome Read(string path, bool fast, ReadLimits? limits)
    {
        var errors = new RowErrors(Path.GetFileName(path));
        var reader = new GeneralLedgerReader(path, errors) { CsvFastPath = fast, Limits = limits };
        var rows = new List<string>();
        string? refusal = null;
        try
        {
            reader.Open();
            // Decimals as text: the same value with another scale (7.5 and 7.50) would be a difference in what is loaded.
            foreach (var r in reader.Rows())
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"{r.SourceRow}|{r.CostCentreCode}|{r.AccountCode}|{r.AccountName ?? "(null)"}|{r.Budget}|{r.Actual}"));
        }
        catch (SourceFormatException e)
        {
            refusal = $"{e.File}|{e.Sheet}|{e.Row}|{e.Column}|{e.Reason}";
        }
        var totals = string.Create(CultureInfo.InvariantCulture,
            $"rows {reader.DataRows}, budget {reader.BudgetSum}, actual {reader.ActualSum}, total row {reader.TotalBudget}/{reader.TotalActual}, " +
            $"period {reader.Period?.Label}, cost centres {string.Join(" ", reader.CostCentres.Order(StringComparer.Ordinal))}, errors {errors.Count}");
        return new Outcome(rows, totals, [.. errors.Kept], refusal, reader.PlainRows);
    }
}
