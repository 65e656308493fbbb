using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RdvSP.Application.Audit;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Infrastructure.Audit;
using RdvSP.Infrastructure.Availability.Jobs;

namespace RdvSP.Application.IntegrationTests.BackOffice.Audit;

/// <summary>
/// The audit trail's triggers (migration 0021) on the real database: one entry per object and
/// transaction, with the unit of work's author and the field diff, nothing for a rolled-back or
/// an empty change, the system as author outside a request, and the yearly purge.
/// </summary>
public sealed class AuditTrailTests : DatabaseTest
{
    private World world = null!;

    [SetUp]
    public async Task CreateWorldAsync() => world = await Data.WorldAsync();

    [Test]
    public async Task A_plage_saved_with_its_motifs_writes_one_entry_per_transaction_with_its_author_and_diff()
    {
        var second = await Data.MotifAsync(world.OrganisationId, world.ServiceId, "Vaccination");
        var plage = await InAgentTransactionAsync(() => Get<IOpeningPeriodRepository>().AddAsync(new NewOpeningPeriod(
            world.AgentId, world.OrganisationId, world.LieuId, "Permanence", new DateOnly(2026, 3, 16), new TimeOnly(9, 0), new TimeOnly(12, 0),
            null, null, [world.MotifId, second]), Ct));

        var created = (await VersionsAsync("plage_ouverture", plage)).Should().ContainSingle().Subject;
        created.Event.Should().Be("create");
        created.ShouldBeBy(world.AgentId, "Claire Martin");
        created.OrganisationId.Should().Be(world.OrganisationId);
        created.Diff().Should().Contain(new Dictionary<string, string>
        {
            ["title"] = """[null,"Permanence"]""",
            ["first_day"] = """[null,"2026-03-16"]""",
            [$"motifs.{world.MotifId}"] = "[false,true]",
            [$"motifs.{second}"] = "[false,true]",
        });
        created.Diff().Keys.Should().NotContain(["id", "organisation_id", "expired_cached", "active_days", "created_at", "updated_at"]);

        await InAgentTransactionAsync(() => ExecuteAsync(
            $"""
            update availability.plage_ouvertures set title = 'Accueil', end_time = '12:30' where id = {plage};
            update availability.plage_ouvertures set end_time = '13:00' where id = {plage};
            delete from availability.motifs_plage_ouvertures where plage_ouverture_id = {plage} and motif_id = {second};
            """));

        var versions = await VersionsAsync("plage_ouverture", plage);
        versions.Should().HaveCount(2, "three statements of one transaction make one entry");
        versions[0].Event.Should().Be("update");
        versions[0].Diff().Should().Equal(new Dictionary<string, string>
        {
            ["title"] = """["Permanence","Accueil"]""",
            ["end_time"] = """["12:00:00","13:00:00"]""",
            [$"motifs.{second}"] = "[true,false]",
        });
    }

    [Test]
    public async Task An_absence_and_a_motif_each_write_one_entry_with_the_author_and_the_diff()
    {
        var absence = await InAgentTransactionAsync(() => Get<IAbsenceRepository>().AddAsync(
            new NewAbsence(world.AgentId, "Formation", new DateOnly(2026, 3, 17), new TimeOnly(9, 0), new DateOnly(2026, 3, 17), new TimeOnly(17, 0)), Ct));
        await InAgentTransactionAsync(() => ExecuteAsync($"update availability.absences set end_time = '12:00', title = 'Formation' where id = {absence}"));
        var motif = await InAgentTransactionAsync(() => Data.MotifAsync(world.OrganisationId, world.ServiceId, "Bilan"));
        await InAgentTransactionAsync(() => ExecuteAsync($"update organisations.motifs set name = 'Bilan de santé', default_duration_in_min = 45 where id = {motif}"));

        var absenceVersions = await VersionsAsync("absence", absence);
        absenceVersions.Select(v => v.Event).Should().Equal("update", "create");
        absenceVersions.Should().AllSatisfy(v => v.ShouldBeBy(world.AgentId, "Claire Martin"));
        absenceVersions[0].Diff().Should().Equal(new Dictionary<string, string> { ["end_time"] = """["17:00:00","12:00:00"]""" });
        absenceVersions[0].OrganisationId.Should().BeNull("an absence spans the agent's organisations");

        var motifVersions = await VersionsAsync("motif", motif);
        motifVersions.Select(v => v.Event).Should().Equal("update", "create");
        motifVersions[0].ShouldBeBy(world.AgentId, "Claire Martin");
        motifVersions[0].Diff().Should().Equal(new Dictionary<string, string>
        {
            ["name"] = """["Bilan","Bilan de santé"]""",
            ["default_duration_in_min"] = "[30,45]",
        });
    }

    [Test]
    public async Task An_rdv_status_set_by_the_store_is_one_entry_with_the_participations_and_renders_in_french()
    {
        var rdv = (await Get<IRdvRepository>().InsertAsync(TestData.AgentBooking(world, Now.AddDays(1)), Ct)).Value.Id;
        var participation = (await Get<IRdvRepository>().GetAsync(rdv, Ct))!.Participants.Single().ParticipationId;

        await InAgentTransactionAsync(() => Get<IAgentRdvStore>().SetStatusAsync(rdv, new RdvStatusChange(RdvStatus.Excused, Now, [RdvStatus.Excused]), [participation], Ct));

        var versions = await VersionsAsync("rdv", rdv);
        versions.Select(v => v.Event).Should().Equal("update", "create");
        versions[1].AuthorKind.Should().Be("system", "the insert ran outside any request");
        versions[1].Diff().Should().Contain(new Dictionary<string, string>
        {
            [$"agents.{world.AgentId}"] = "[false,true]",
            [$"participants.{world.UsagerId}"] = "[false,true]",
            ["motif_id"] = $"[null,{world.MotifId}]",
        });
        versions[0].ShouldBeBy(world.AgentId, "Claire Martin");
        versions[0].Diff().Should().Equal(new Dictionary<string, string>
        {
            ["status"] = """["unknown","excused"]""",
            [$"participants.{world.UsagerId}.status"] = """["unknown","excused"]""",
        });

        var reader = Get<IHistoryReader>();
        var rows = await reader.ListAsync(HistoryItem.Rdv, rdv, world.OrganisationId, Ct);
        var names = await reader.NamesAsync(HistoryRenderer.ReferencedIds(rows), Ct);
        var entries = rows.Select(r => HistoryRenderer.Render(r, names, "Europe/Paris")).ToList();
        entries[0].Author.Should().Be("Claire Martin");
        entries[0].Event.Should().Be("Modification");
        entries[0].Changes.Select(c => c.Text).Should().Equal("Statut : À venir → Annulé (excusé)", "Statut de Léa Durand : À venir → Annulé (excusé)");
        entries[1].Author.Should().Be("Système (traitement automatique)");
        entries[1].Changes.Select(c => c.Text).Should().Contain(["Motif : Consultation", "Lieu : MDS Valence centre", "Début : 11/03/2026 à 09h00",
            "Agent ajouté : Claire Martin", "Participant ajouté : Léa Durand"]);
    }

    [Test]
    public async Task An_agent_role_change_is_one_entry_of_the_agent_in_that_organisation()
    {
        var admin = await Get<IAgentRepository>().AddAsync(new NewAgent("Anne", "Admin", "anne@example.fr", [world.ServiceId], [new AgentRoleDto(world.OrganisationId, AccessLevels.Admin)]), Ct);

        Get<TestActor>().AgentId = admin;
        await Scope.Db.BeginAsync(Ct);
        await ExecuteAsync($"update organisations.agent_roles set access_level = 'admin' where agent_id = {world.AgentId} and organisation_id = {world.OrganisationId}");
        await Scope.Db.CommitAsync(Ct);

        var versions = await VersionsAsync("agent", world.AgentId);
        versions.Select(v => v.Event).Should().Equal("update", "create");
        versions[0].ShouldBeBy(admin, "Anne Admin");
        versions[0].OrganisationId.Should().Be(world.OrganisationId);
        versions[0].Diff().Should().Equal(new Dictionary<string, string> { ["access_level"] = """["basic","admin"]""" });
        versions[1].Diff().Should().Contain(new Dictionary<string, string>
        {
            ["last_name"] = """[null,"Martin"]""",
            ["access_level"] = """[null,"basic"]""",
            [$"services.{world.ServiceId}"] = "[false,true]",
        }, "the agent, his services and his role were inserted by one statement: one entry");
    }

    [Test]
    public async Task A_rolled_back_save_and_a_refused_write_leave_no_entry()
    {
        Get<TestActor>().AgentId = world.AgentId;
        await Scope.Db.BeginAsync(Ct);
        var plage = await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], new DateOnly(2026, 3, 16));
        var connection = await Scope.Db.ConnectionAsync(Ct);
        (await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from audit.versions where item_type = 'plage_ouverture' and item_id = {plage}", transaction: Scope.Db.Transaction)))
            .Should().Be(1, "written in the transaction");
        await Scope.Db.RollbackAsync(Ct);
        (await CountAsync("select count(*) from audit.versions where item_type = 'plage_ouverture'")).Should().Be(0);

        // A write refused inside the request's transaction (its savepoint rolled back) leaves nothing either.
        var first = (await Get<IRdvRepository>().InsertAsync(TestData.UsagerBooking(world, Now.AddDays(1)), Ct)).Value.Id;
        var second = (await Get<IRdvRepository>().InsertAsync(TestData.UsagerBooking(world, Now.AddDays(1).AddHours(2)), Ct)).Value.Id;
        await Scope.Db.BeginAsync(Ct);
        var refused = await Get<IAgentRdvStore>().UpdateAsync(new RdvUpdate(second, Now.AddDays(1).AddMinutes(15), Now.AddDays(1).AddMinutes(45), world.LieuId, "déplacé",
            [world.AgentId], [new ParticipantFlags(world.UsagerId, false, true)]), Ct);
        await Scope.Db.CommitAsync(Ct);

        refused.Should().Be(Result.Failure(BookingErrors.SlotUnavailable));
        (await VersionsAsync("rdv", second)).Select(v => v.Event).Should().Equal("create");
        (await VersionsAsync("rdv", first)).Select(v => v.Event).Should().Equal("create");
    }

    [Test]
    public async Task Writes_outside_a_request_are_the_systems_and_a_change_of_nothing_recorded_writes_nothing()
    {
        var plage = await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], new DateOnly(2025, 1, 6));
        await ExecuteAsync($"update availability.plage_ouvertures set recurrence = jsonb_set(recurrence, '{{until}}', '\"2025-02-01\"'), recurrence_ends_at = '2025-02-01 23:59:59' where id = {plage}");

        var versions = await VersionsAsync("plage_ouverture", plage);
        versions.Should().HaveCount(2).And.AllSatisfy(v =>
        {
            v.AuthorKind.Should().Be("system");
            v.AuthorId.Should().BeNull();
            v.AuthorLabel.Should().BeNull();
        });

        // Technical columns only: the expiry job, a touch of updated_at, a seat count.
        var job = new RefreshExpiredFlagsJob(IntegrationDatabase.DataSource, new FakeTimeProvider(Now), NullLogger<RefreshExpiredFlagsJob>.Instance);
        (await job.RunAsync(Ct)).Should().Be(1);
        var rdv = (await Get<IRdvRepository>().InsertAsync(TestData.AgentBooking(world, Now.AddDays(1)), Ct)).Value.Id;
        await ExecuteAsync($"update availability.plage_ouvertures set title = title where id = {plage}; update booking.rdvs set users_count = 0 where id = {rdv}");

        (await VersionsAsync("plage_ouverture", plage)).Should().HaveCount(2);
        (await VersionsAsync("rdv", rdv)).Should().ContainSingle();
    }

    [Test]
    public async Task A_usager_is_recorded_without_copying_his_data_and_forgotten_with_it()
    {
        Get<TestActor>().AgentId = world.AgentId;
        await Scope.Db.BeginAsync(Ct);
        await ExecuteAsync($"update usagers.users set first_name = 'Léna', phone_number = '0612345678' where id = {world.UsagerId}");
        await Scope.Db.CommitAsync(Ct);

        var versions = await VersionsAsync("user", world.UsagerId);
        versions.Select(v => v.Event).Should().Equal("update", "create");
        versions[1].Diff().Should().BeEmpty("his creation copies none of his data");
        versions[0].Diff().Should().Equal(new Dictionary<string, string>
        {
            ["first_name"] = """["Léa","Léna"]""",
            ["phone_number"] = """[null,"0612345678"]""",
        }, "derived columns (formatted phone, search vector) are not recorded");

        await Get<IUsagerRepository>().AnonymiseAsync(world.UsagerId, Now, Ct);

        var forgotten = (await VersionsAsync("user", world.UsagerId)).Should().ContainSingle().Subject;
        forgotten.Event.Should().Be("destroy");
        forgotten.Diff().Should().BeEmpty();
    }

    [Test]
    public async Task The_purge_deletes_entries_older_than_a_year_in_batches()
    {
        for (var i = 0; i < 5; i++) await Data.MotifAsync(world.OrganisationId, world.ServiceId, $"Ancien {i}");
        await ExecuteAsync("update audit.versions set created_at = timestamptz '2025-03-01 10:00+00' where item_type = 'motif' and changes -> 'name' ->> 1 like 'Ancien%'");
        await ExecuteAsync("update audit.versions set created_at = timestamptz '2025-03-11 10:00+00' where item_type = 'lieu'");
        var total = await CountAsync("select count(*) from audit.versions");
        var job = new PurgeOldVersionsJob(IntegrationDatabase.DataSource, new FakeTimeProvider(Now), NullLogger<PurgeOldVersionsJob>.Instance);

        var purged = await job.RunAsync(batchSize: 2, Ct);

        purged.Should().Be(5);
        (await CountAsync("select count(*) from audit.versions")).Should().Be(total - 5);
        (await CountAsync("select count(*) from audit.versions where item_type = 'lieu'")).Should().Be(1, "ten days short of a year: kept");
        (await job.RunAsync(Ct)).Should().Be(0);
    }

    private async Task<T> InAgentTransactionAsync<T>(Func<Task<T>> work)
    {
        Get<TestActor>().AgentId = world.AgentId;
        await Scope.Db.BeginAsync(Ct);
        var result = await work();
        await Scope.Db.CommitAsync(Ct);
        Get<TestActor>().AgentId = null;
        return result;
    }

    private async Task InAgentTransactionAsync(Func<Task> work) => await InAgentTransactionAsync(async () =>
    {
        await work();
        return true;
    });

    private async Task<int> ExecuteAsync(string sql)
    {
        var connection = await Scope.Db.ConnectionAsync(Ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, transaction: Scope.Db.Transaction, cancellationToken: Ct));
    }

    private static async Task<long> CountAsync(string sql) => await IntegrationDatabase.ScalarAsync<long>(sql);

    /// <summary>Committed entries of an object, newest first.</summary>
    private static async Task<List<VersionRow>> VersionsAsync(string itemType, long itemId)
    {
        await using var connection = await IntegrationDatabase.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            "select event, author_kind, author_id, author_label, organisation_id, changes::text as changes from audit.versions where item_type = @itemType and item_id = @itemId order by id desc",
            new { itemType, itemId }))).AsList();
    }

    private sealed record VersionRow
    {
        public string Event { get; init; } = "";
        public string AuthorKind { get; init; } = "";
        public long? AuthorId { get; init; }
        public string? AuthorLabel { get; init; }
        public long? OrganisationId { get; init; }
        public string Changes { get; init; } = "{}";

        /// <summary>{"field": [old, new]} as field → compact JSON pair.</summary>
        public Dictionary<string, string> Diff() =>
            JsonNode.Parse(Changes)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        public void ShouldBeBy(long agentId, string label)
        {
            AuthorKind.Should().Be("agent");
            AuthorId.Should().Be(agentId);
            AuthorLabel.Should().Be(label);
        }
    }
}
