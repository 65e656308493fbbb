using System.Text.Json;
using RdvSP.Application.Api;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.IntegrationTests.Support;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.IntegrationTests.Api;

/// <summary>The reader on the real schema: every model loads, lists keep their order, missing records are skipped.</summary>
public sealed class ApiObjectReaderTests : DatabaseTest
{
    private IApiObjectReader Reader => Scope.Get<IApiObjectReader>();

    private IApiCollectionReader Lists => Scope.Get<IApiCollectionReader>();

    [Test]
    public async Task Every_model_of_the_subscription_list_reads_from_the_database()
    {
        var world = await Data.WorldAsync();
        var relative = await Data.UsagerAsync("Tom", "Durand", responsibleId: world.UsagerId);
        await Scope.Get<IUsagerRepository>().AddFamilyToOrganisationAsync(world.UsagerId, world.OrganisationId, Ct);
        var plage = await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], new DateOnly(2026, 3, 16));
        var absence = await Scope.Get<IAbsenceRepository>().AddAsync(new NewAbsence(world.AgentId, "Congés, été", new DateOnly(2026, 7, 1), new TimeOnly(8, 0), new DateOnly(2026, 7, 3), new TimeOnly(18, 0)), Ct);
        var rdv = (await Scope.Get<IRdvRepository>().InsertAsync(TestData.AgentBooking(world, Now.AddDays(1)), Ct)).Value.Id;
        var connection = await Scope.Db.ConnectionAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand($"select id from organisations.agent_roles where agent_id = {world.AgentId}", connection);
        var roleId = (long)(await command.ExecuteScalarAsync(Ct))!;

        var json = await Reader.ReadJsonAsync(ApiModels.Rdv, new(rdv), Ct);
        using (var document = JsonDocument.Parse(json!))
        {
            var root = document.RootElement;
            root.EnumerateObject().Select(p => p.Name).Should().Equal("id", "address", "agents", "cancelled_at", "collectif", "context", "created_by",
                "created_by_id", "created_by_type", "duration_in_min", "ends_at", "lieu", "max_participants_count", "motif", "name", "organisation",
                "participations", "starts_at", "status", "users", "users_count", "uuid");
            root.GetProperty("agents")[0].GetProperty("id").GetInt64().Should().Be(world.AgentId);
            root.GetProperty("participations")[0].GetProperty("user").GetProperty("id").GetInt64().Should().Be(world.UsagerId);
            root.GetProperty("starts_at").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$");
            root.GetProperty("lieu").GetProperty("id").GetInt64().Should().Be(world.LieuId);
        }

        (await Reader.ReadJsonAsync(ApiModels.Absence, new(absence), Ct)).Should().Contain("\"title\":\"Congés, été\"").And.Contain("\"end_day\":\"2026-07-03\"")
            .And.Contain($"\"organisation\":{{\"id\":{world.OrganisationId},");
        (await Reader.ReadJsonAsync(ApiModels.PlageOuverture, new(plage), Ct)).Should().Contain("\"rrule\":\"FREQ=WEEKLY;").And.Contain($"\"motifs\":[{{\"id\":{world.MotifId},");
        (await Reader.ReadJsonAsync(ApiModels.User, new(relative), Ct)).Should().Contain($"\"responsible\":{{\"id\":{world.UsagerId},").And.Contain($"\"responsible_id\":{world.UsagerId},");
        (await Reader.ReadJsonAsync(ApiModels.UserProfile, new(world.UsagerId, world.OrganisationId), Ct)).Should().StartWith($"{{\"organisation\":{{\"id\":{world.OrganisationId},");
        (await Reader.ReadJsonAsync(ApiModels.Organisation, new(world.OrganisationId), Ct)).Should().Contain("\"verticale\":\"rdv_solidarites\"");
        (await Reader.ReadJsonAsync(ApiModels.Motif, new(world.MotifId), Ct)).Should().Contain("\"motif_category\":null");
        (await Reader.ReadJsonAsync(ApiModels.Lieu, new(world.LieuId), Ct)).Should().Contain("\"single_use\":false");
        (await Reader.ReadJsonAsync(ApiModels.Agent, new(world.AgentId), Ct)).Should().Contain("\"inclusion_connect_open_id_sub\":null");
        (await Reader.ReadJsonAsync(ApiModels.AgentRole, new(roleId), Ct)).Should().StartWith($"{{\"id\":{roleId},\"access_level\":\"basic\",\"agent\":{{\"id\":{world.AgentId},");
    }

    [Test]
    public async Task Lists_keep_the_order_of_the_keys_and_skip_missing_records()
    {
        var world = await Data.WorldAsync();
        var second = await Data.UsagerAsync("Zoé", "Abel");
        var array = await Lists.ReadJsonArrayAsync(ApiModels.User, [new(second), new(987654321), new(world.UsagerId)], Ct);
        using var document = JsonDocument.Parse(array);
        document.RootElement.EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).Should().Equal(second, world.UsagerId);
        (await Reader.ReadJsonAsync(ApiModels.Rdv, new(987654321), Ct)).Should().BeNull();
        (await Reader.ReadJsonAsync(ApiModels.ReferentAssignation, new(world.UsagerId, world.AgentId), Ct)).Should().BeNull();
        (await Lists.ReadJsonArrayAsync(ApiModels.Rdv, [], Ct)).Should().Be("[]");
    }

    [Test]
    public async Task Shown_user_lists_only_the_profiles_of_the_given_organisations()
    {
        var world = await Data.WorldAsync();
        var other = await Data.OrganisationAsync(world.TerritoryId, "MDS Crest");
        var usagers = Scope.Get<IUsagerRepository>();
        await usagers.AddFamilyToOrganisationAsync(world.UsagerId, world.OrganisationId, Ct);
        await usagers.AddFamilyToOrganisationAsync(world.UsagerId, other, Ct);
        var json = await Lists.ReadUserWithProfilesAsync(world.UsagerId, [other], Ct);
        using var document = JsonDocument.Parse(json!);
        var profiles = document.RootElement.GetProperty("user_profiles");
        profiles.GetArrayLength().Should().Be(1);
        profiles[0].GetProperty("organisation").GetProperty("id").GetInt64().Should().Be(other);
    }
}
