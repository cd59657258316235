using Dapper;
using Hangfire;
using Warehouse.Database.Engines;

namespace Warehouse.Jobs.Hosting;

/// <summary>The long-running host: Hangfire server and dashboard, and a health endpoint.</summary>
public static class JobsHost
{
    public static WebApplication Build(IWarehouseEngine engine, string urls, IConfiguration configuration)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSingleton(engine);
        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(engine.CreateHangfireStorage()));
        builder.Services.AddHangfireServer();

        var app = builder.Build();
        // Hangfire's default dashboard filter admits local requests only.
        app.UseHangfireDashboard("/hangfire");
        app.MapGet("/health", async (IWarehouseEngine warehouse) =>
        {
            try
            {
                await using var connection = warehouse.CreateConnection();
                await connection.ExecuteScalarAsync<int>("SELECT 1");
                return Results.Ok(new { status = "healthy", engine = warehouse.Kind.ToString(), database = "reachable" });
            }
            catch (Exception ex)
            {
                return Results.Json(new { status = "unhealthy", engine = warehouse.Kind.ToString(), database = ex.Message },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
