using System.Data;
using System.Reflection;
using Microsoft.Data.SqlClient;
using Warehouse.Etl.Sources.Placements;
using Warehouse.Samples.Placements;

namespace Warehouse.Tests.Sources.Placements;

/// <summary>
/// What SQL Server would be sent for the operational system's clock, without a server: the parameters applied to a
/// SqlCommand as Dapper applies them. A bare DateTime would go as legacy datetime and lose the microseconds.
/// </summary>
public sealed class LacWatermarkParameterTests
{
    private static readonly DateTime SubMillisecond = new DateTime(2018, 6, 1, 12, 0, 0).AddTicks(1_260_010); // .126001

    [Fact]
    public void PageParameters_SendsTheWatermarkAsDateTime2_ToSqlServer()
    {
        var since = Applied("SELECT 1 WHERE @since > @since AND @after > 0", LacPlacementsSource.PageParameters(SubMillisecond, 42, 5000), "since");

        Assert.Equal(SqlDbType.DateTime2, since.SqlDbType);
        Assert.Equal(SubMillisecond, since.Value);
    }

    [Fact]
    public void Parameters_SendsLastModifiedAsDateTime2_WhenTheSampleSystemWritesAnEpisode()
    {
        var episode = new OperationalEpisode(1, "C1", "Name", null, "independent_fostering", null, new DateTime(2018, 4, 1), null, null, 700m, SubMillisecond);

        var lastModified = Applied(ChildrensSocialCareSystem.InsertSql, ChildrensSocialCareSystem.Parameters(episode), "LastModified");

        Assert.Equal(SqlDbType.DateTime2, lastModified.SqlDbType);
        Assert.Equal(SubMillisecond, lastModified.Value);
    }

    // Dapper adds a DynamicParameters' parameters to a command only with a query identity, which it makes
    // internally (no public constructor); neither the connection nor the command is ever opened.
    private static SqlParameter Applied(string sql, DynamicParameters parameters, string name)
    {
        using var connection = new SqlConnection();
        var identity = (SqlMapper.Identity)typeof(SqlMapper.Identity).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance,
            [typeof(string), typeof(CommandType?), typeof(IDbConnection), typeof(Type), typeof(Type)])!
            .Invoke([sql, null, connection, typeof(object), typeof(DynamicParameters)]);
        var command = new SqlCommand();
        ((SqlMapper.IDynamicParameters)parameters).AddParameters(command, identity);
        return command.Parameters.Cast<SqlParameter>().Single(p => p.ParameterName.TrimStart('@') == name);
    }
}
