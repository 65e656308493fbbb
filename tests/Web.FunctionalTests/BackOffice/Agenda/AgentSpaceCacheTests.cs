using System.Globalization;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Infrastructure.Caching;
using RdvSP.Infrastructure.Persistence;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Agenda;

/// <summary>
/// The agenda's RDV feed, the RDV list and the layout are cached in each instance's memory under the
/// inputs version (ADR 0008). A write committed anywhere (another instance, another process) must show
/// on the next request: a new RDV, a participant removed, a usager renamed.
/// </summary>
[TestFixture]
public sealed class AgentSpaceCacheTests
{
    private RdvspWebFactory factory = null!;
    private RdvspWebFactory readerInstance = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        readerInstance = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await readerInstance.DisposeAsync();
        await factory.DisposeAsync();
    }

    private string Feed(long agentId)
    {
        var day = DateOnly.FromDateTime(world.PmiRdvAStartsAt.UtcDateTime);
        string Day(int offset) => day.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"/admin/organisations/{world.OrganisationA}/agent_agendas/{agentId}?handler=Rdvs&start={Day(-3)}&end={Day(4)}";
    }

    private string List => $"/admin/organisations/{world.OrganisationA}/rdvs";

    [Test]
    public async Task The_week_feed_shows_a_new_rdv_a_removed_participant_and_a_renamed_usager_at_once()
    {
        var usager = await AddUsagerAsync("Lucie", "Avant");
        var rdv = await InsertRdvAsync(world.PmiRdvAStartsAt.AddHours(3), usager);
        using var agent = await readerInstance.SignedInAgentAsync(world.PmiAgentA.Email);
        // Twice: the second answer comes from the cache.
        (await TitleAsync(agent, rdv)).Should().Be("Lucie AVANT");
        (await TitleAsync(agent, rdv)).Should().Be("Lucie AVANT");

        await SqlAsync("update usagers.users set last_name = 'Apres' where id = @id", usager);
        (await TitleAsync(agent, rdv)).Should().Be("Lucie APRES", "the usager's new name was committed before this request");

        await SqlAsync("delete from booking.participations where rdv_id = @id", rdv);
        (await TitleAsync(agent, rdv)).Should().Be("Consultation PMI", "an RDV without participant is titled by its motif");

        var later = await InsertRdvAsync(world.PmiRdvAStartsAt.AddHours(4), usager);
        (await TitleAsync(agent, later)).Should().Be("Lucie APRES", "the RDV was committed by the other instance before this request");
    }

    [Test]
    public async Task The_rdv_list_and_its_counts_show_a_new_rdv_and_a_renamed_usager_at_once()
    {
        var usager = await AddUsagerAsync("Hugo", "Premier");
        var rdv = await InsertRdvAsync(world.PmiRdvAStartsAt.AddHours(5), usager);
        using var agent = await readerInstance.SignedInAgentAsync(world.PmiAgentA.Email);
        // Twice: the second answer comes from the cache.
        (await PageAsync(agent, List)).Should().Contain("PREMIER Hugo").And.Contain($"data-rdv-id=\"{rdv}\"");
        (await PageAsync(agent, List)).Should().Contain("PREMIER Hugo");

        await SqlAsync("update usagers.users set last_name = 'Second' where id = @id", usager);
        var renamed = await PageAsync(agent, List);
        renamed.Should().Contain("SECOND Hugo").And.NotContain("PREMIER Hugo");

        var added = await InsertRdvAsync(world.PmiRdvAStartsAt.AddHours(6), usager);
        var after = await PageAsync(agent, List);
        after.Should().Contain($"data-rdv-id=\"{added}\"");
        Count(after).Should().Be(Count(renamed) + 1, "the counts per status are cached under the same version");
    }

    [Test]
    public async Task A_request_that_commits_a_write_reads_the_version_again_before_using_the_cache()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var version = scope.ServiceProvider.GetRequiredService<InputsVersion>();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var before = await version.CurrentAsync(default);

        await db.BeginAsync(default);
        var connection = await db.ConnectionAsync();
        await using (var command = new NpgsqlCommand("update booking.rdvs set context = 'modifié' where id = @id", connection, db.Transaction))
        {
            command.Parameters.AddWithValue("id", world.PmiRdvA);
            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }
        version.Known.Should().BeTrue("nothing is committed yet");
        await db.CommitAsync(default);

        version.Known.Should().BeFalse();
        (await version.CurrentAsync(default)).Should().BeGreaterThan(before, "the commit moved the version");
    }

    /// <summary>The feed's title of the RDV (its participants' names), read through the agent's week feed.</summary>
    private async Task<string?> TitleAsync(HttpClient client, long rdvId)
    {
        var feed = JsonDocument.Parse(await PageAsync(client, Feed(world.PmiAgentA.Id))).RootElement;
        return feed.EnumerateArray().Where(e => e.GetProperty("id").GetInt64() == rdvId).Select(e => e.GetProperty("title").GetString()).SingleOrDefault();
    }

    private async Task<long> AddUsagerAsync(string firstName, string lastName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var usagers = scope.ServiceProvider.GetRequiredService<IUsagerRepository>();
        var id = await usagers.AddAsync(new NewUsager(firstName, lastName, CreatedThrough.AgentCreation), default);
        await usagers.AddFamilyToOrganisationAsync(id, world.OrganisationA, default);
        return id;
    }

    private async Task<long> InsertRdvAsync(DateTimeOffset startsAt, long userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IRdvRepository>().InsertAsync(new NewRdv(
            world.OrganisationA, world.PmiMotifA, world.LieuA, startsAt, startsAt.AddMinutes(30),
            [world.PmiAgentA.Id], [new NewParticipation(userId)], CreatedByTypes.Agent, world.PmiAgentA.Id, ExclusiveForAgents: false), default);
        return created.Value.Id;
    }

    private static async Task SqlAsync(string sql, long id)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        (await command.ExecuteNonQueryAsync()).Should().BeGreaterThan(0);
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return body;
    }

    private static int Count(string listPage) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(listPage, "<strong id=\"rdvs-total\">(\\d+)</strong>").Groups[1].Value, CultureInfo.InvariantCulture);
}
