using Npgsql;
using RdvSP.Infrastructure.Caching;

namespace RdvSP.Application.IntegrationTests.Availability;

/// <summary>
/// The inputs version is read once for all the requests waiting at the same moment, but never from a
/// read sent before a request arrived (it could predate a commit that request must see).
/// </summary>
public sealed class SharedVersionReadsTests
{
    private const string Bump = """
        insert into availability.inputs_version (id, version) values (true, nextval('availability.inputs_version_seq'))
        on conflict (id) do update set version = excluded.version returning version
        """;

    [Test]
    public async Task Requests_arriving_while_a_read_is_on_the_wire_share_the_next_read_which_sees_what_was_committed_meanwhile()
    {
        var reads = new SharedVersionReads(IntegrationDatabase.DataSource);
        var before = await reads.ReadAsync(CancellationToken.None);
        var sentBefore = reads.ReadsSent;

        // Hold the table so that the next read stays on the wire until this transaction ends.
        await using var blocker = await IntegrationDatabase.DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("lock table availability.inputs_version in access exclusive mode", blocker, transaction).ExecuteNonQueryAsync();
        var onTheWire = reads.ReadAsync(CancellationToken.None);
        var arrivedLater = Enumerable.Range(0, 20).Select(_ => reads.ReadAsync(CancellationToken.None)).ToList();

        reads.ReadsSent.Should().Be(sentBefore + 1, "the later callers wait for the read in flight to return before theirs is sent");
        var committed = (long)(await new NpgsqlCommand(Bump, blocker, transaction).ExecuteScalarAsync())!;
        await transaction.CommitAsync();

        var later = await Task.WhenAll(arrivedLater);
        await onTheWire;
        later.Should().AllBeEquivalentTo(committed, "the one read shared by the later callers was sent after they arrived");
        committed.Should().BeGreaterThan(before);
        reads.ReadsSent.Should().Be(sentBefore + 2, "twenty callers cost one round trip");
    }

    [Test]
    public async Task A_read_started_after_a_commit_sees_it()
    {
        var reads = new SharedVersionReads(IntegrationDatabase.DataSource);
        await reads.ReadAsync(CancellationToken.None);
        await using var connection = await IntegrationDatabase.DataSource.OpenConnectionAsync();
        var committed = (long)(await new NpgsqlCommand(Bump, connection).ExecuteScalarAsync())!;

        (await reads.ReadAsync(CancellationToken.None)).Should().Be(committed);
    }

    [Test]
    public async Task A_failed_read_fails_its_callers_and_the_next_read_is_sent_afresh()
    {
        await using var broken = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(IntegrationDatabase.ConnectionString) { Database = "rdvsp_no_such_database", Timeout = 2 }.ConnectionString);
        var reads = new SharedVersionReads(broken);

        var failing = async () => await reads.ReadAsync(CancellationToken.None);
        await failing.Should().ThrowAsync<PostgresException>();
        await failing.Should().ThrowAsync<PostgresException>("a failure is not kept: each caller gets a read sent after it arrived");
        reads.ReadsSent.Should().Be(2);
    }
}
