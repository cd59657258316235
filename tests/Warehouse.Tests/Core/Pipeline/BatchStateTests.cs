using Warehouse.Etl.Core.Pipeline;
using Warehouse.Etl.Sources.Reference;

namespace Warehouse.Tests.Core.Pipeline;

/// <summary>The batch states the pipeline enters, their stored spellings, and the reference rows they must match.</summary>
public sealed class BatchStateTests
{
    [Fact]
    public void Parse_ReadsBackEveryStoredSpelling_ForEveryState()
    {
        foreach (var state in Enum.GetValues<BatchState>())
            Assert.Equal(state, BatchStates.Parse(state.Stored()));
    }

    [Theory]
    [InlineData("Loaded")]
    [InlineData("staged")]
    [InlineData("")]
    public void Parse_Refuses_ASpellingThePipelineNeverWrites(string stored)
    {
        Assert.Throws<FormatException>(() => BatchStates.Parse(stored));
    }

    [Fact]
    public void IsTerminal_IsFalse_OnlyForTheStatesAnInterruptedBatchIsResumedFrom()
    {
        Assert.Equal([BatchState.Received, BatchState.Waiting, BatchState.Extracting], Enum.GetValues<BatchState>().Where(s => !s.IsTerminal()));
    }
}

public abstract class BatchStateReferenceTests<TProvider> : DatabaseTest<TProvider> where TProvider : DatabaseProvider, new()
{
    [SkippableFact]
    public async Task Stored_IsAReferenceRowWithTheSameTerminalFlag_ForEveryState()
    {
        await using var connection = await Provider.OpenAsync();
        var rows = (await connection.QueryAsync<(string state, bool is_terminal)>("SELECT state, is_terminal FROM etl.batch_state"))
            .ToDictionary(r => r.state, r => r.is_terminal, StringComparer.Ordinal);

        foreach (var state in Enum.GetValues<BatchState>())
        {
            Assert.True(rows.TryGetValue(state.Stored(), out var terminal), $"etl.batch_state has no row '{state.Stored()}'");
            Assert.Equal(state.IsTerminal(), terminal);
        }
    }

    [SkippableFact]
    public async Task LoadFile_RecordsReceivedThenRejected_WhenTheFileIsInvalid()
    {
        var path = Path.Combine(Path.GetTempPath(), $"organisation-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "this is not,an organisation file\n1,2\n");
        try
        {
            var outcome = await new IngestionPipeline(Provider.Engine).LoadFileAsync(new OrganisationSource(), path);

            Assert.Equal(LoadStatus.Rejected, outcome.Status);
            await using var connection = await Provider.OpenAsync();
            var states = await connection.QueryAsync<string>(
                "SELECT state FROM etl.batch_state_history WHERE batch_id = @batch ORDER BY sequence_no", new { batch = outcome.BatchId });
            // The extracting (running) state is committed when the batch starts, so status sees it; the rejection follows it.
            Assert.Equal([BatchState.Received, BatchState.Extracting, BatchState.Rejected], states.Select(BatchStates.Parse));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class PostgresBatchStateReferenceTests : BatchStateReferenceTests<PostgresProvider>;

public sealed class SqlServerBatchStateReferenceTests : BatchStateReferenceTests<SqlServerProvider>;
