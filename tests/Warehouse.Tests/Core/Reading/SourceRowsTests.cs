using Warehouse.Etl.Core.Reading;
using Warehouse.Tests.Sources.Finance;

namespace Warehouse.Tests.Core.Reading;

/// <summary>The shared read loop of the small sources, on tiny csv files: no database.</summary>
public sealed class SourceRowsTests
{
    private static readonly IReadOnlyList<ColumnSpec> Columns = [new("code", true, "code"), new("weeks", true, "weeks funded")];

    private sealed record Line(int Row, string Code, int Weeks);

    private static (List<Line> lines, RowErrors errors) Read(bool rejectWiderRows, params string[] lines)
    {
        var errors = new RowErrors("types.csv");
        var read = SourceRows.Read<Line>(BadFiles.Csv("types.csv", lines), errors, Columns, row =>
        {
            var code = row.Required("code");
            var weeks = row.WholeNumber("weeks");
            return new Line(row.Number, code, weeks ?? 0);
        }, rejectWiderRows).ToList();
        return (read, errors);
    }

    [Fact]
    public void Read_DropsARowWithABadCell_AndNamesTheColumnAsTheFileSpellsIt()
    {
        var (lines, errors) = Read(false, "Code,Weeks Funded", "A,52", "B,fifty", "", "C,56");

        Assert.Equal(["A", "C"], lines.Select(l => l.Code));
        Assert.Equal(5, lines[1].Row);
        var error = Assert.Single(errors.Kept);
        Assert.Equal(("types.csv", 3, "Weeks Funded"), (error.File, error.Row, error.Column));
    }

    [Fact]
    public void Read_RejectsAnEmptyRequiredCell_EvenWhenTheParserBuildsARow()
    {
        var (lines, errors) = Read(false, "Code,Weeks Funded", ",52");

        Assert.Empty(lines);
        Assert.Equal("Code", Assert.Single(errors.Kept).Column);
    }

    [Fact]
    public void Read_ReportsOnlyTheShift_WhenARowIsWiderThanItsHeader()
    {
        var (lines, errors) = Read(true, "Code,Weeks Funded", "A,x,52");

        Assert.Empty(lines);
        var error = Assert.Single(errors.Kept);
        Assert.Equal("column 3", error.Column);
    }
}
