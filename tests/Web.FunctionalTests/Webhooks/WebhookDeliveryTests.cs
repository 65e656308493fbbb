using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Webhooks;
using RdvSP.Domain.Common.Webhooks;
using RdvSP.Infrastructure.Webhooks;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Webhooks;

/// <summary>
/// Outgoing webhooks end to end (REFERENCE-API §4): changes written by the app's repositories or plain
/// SQL are captured by the triggers, built by the real dispatcher with the API reader and POSTed to a
/// local Kestrel receiver, which checks the signature with the endpoint's secret. The dispatcher is
/// driven step by step (the web process does not run it in tests); retries are made due by moving
/// next_attempt_at, never by waiting.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class WebhookDeliveryTests
{
    private const string Secret = "le-secret-du-recepteur";

    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private WebhookReceiver receiver = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        receiver = await WebhookReceiver.StartAsync();
        factory = new RdvspWebFactory().WithSetting("WEBHOOKS_TIMEOUT_SECONDS", "1");
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        // The world's own endpoint answers nothing: drop it so it does not slow the runs.
        await SqlAsync("delete from webhooks.endpoints");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await factory.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [SetUp]
    public async Task Reset()
    {
        await SqlAsync("delete from webhooks.endpoints; delete from webhooks.captures");
        receiver.Mode = WebhookReceiver.Behaviour.Ok;
        receiver.Clear();
    }

    [Test]
    public async Task Every_subscribed_model_is_sent_created_updated_and_destroyed_signed_with_the_secret()
    {
        var endpoint = await EndpointAsync("/all", WebhookSubscriptions.All);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        long lieu = 0, motif = 0, agent = 0, user = 0, plage = 0, absence = 0, rdv = 0;
        await InScopeAsync(async sp =>
        {
            var orgs = sp.GetRequiredService<IOrganisationRepository>();
            lieu = await orgs.AddLieuAsync(new NewLieu(world.OrganisationA, "Lieu webhook", "3 place de la Mairie 26000 Valence", 44.93, 4.89), default);
            motif = await orgs.AddMotifAsync(new NewMotif(world.OrganisationA, world.PmiServiceId, "Motif webhook", "#123456", 30, LocationTypes.PublicOffice, BookableBy.Everyone), default);
            agent = await sp.GetRequiredService<IAgentRepository>().AddAsync(
                new NewAgent("Camille", "Webhook", $"camille.{Guid.NewGuid():N}@test.rdv-sp.fr", [world.PmiServiceId], [new AgentRoleDto(world.OrganisationA, AccessLevels.Basic)]), default);
            var usagers = sp.GetRequiredService<IUsagerRepository>();
            user = await usagers.AddAsync(new NewUsager("Jeanne", "Durand", CreatedThrough.AgentCreation, $"jeanne.{Guid.NewGuid():N}@test.rdv-sp.fr"), default);
            await usagers.AddFamilyToOrganisationAsync(user, world.OrganisationA, default);
            plage = await sp.GetRequiredService<IOpeningPeriodRepository>().AddAsync(
                new NewOpeningPeriod(agent, world.OrganisationA, lieu, "Permanence", today.AddDays(3), new TimeOnly(9, 0), new TimeOnly(12, 0), null, null, [motif]), default);
            absence = await sp.GetRequiredService<IAbsenceRepository>().AddAsync(
                new NewAbsence(agent, "Formation", today.AddDays(4), new TimeOnly(9, 0), today.AddDays(4), new TimeOnly(12, 0)), default);
            var startsAt = new DateTimeOffset(today.AddDays(3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            rdv = (await sp.GetRequiredService<IRdvRepository>().InsertAsync(new NewRdv(world.OrganisationA, motif, lieu, startsAt, startsAt.AddMinutes(30),
                [agent], [new NewParticipation(user)], CreatedByTypes.Agent, agent, ExclusiveForAgents: false), default)).Value.Id;
        });
        await SqlAsync("insert into usagers.referent_assignations (user_id, agent_id) values (@user, @agent)", new { user, agent });
        var agentRole = await ScalarAsync<long>("select id from organisations.agent_roles where agent_id = @agent", new { agent });
        await DispatchAsync();

        await SqlAsync(
            """
            update organisations.organisations set name = name where id = @org;
            update organisations.lieux set name = 'Lieu webhook modifié' where id = @lieu;
            update organisations.motifs set name = 'Motif webhook modifié' where id = @motif;
            update organisations.agents set first_name = 'Camilla' where id = @agent;
            update organisations.agent_roles set access_level = 'admin' where id = @agentRole;
            update usagers.users set first_name = 'Jeannette' where id = @user;
            update usagers.user_profiles set organisation_id = organisation_id where user_id = @user;
            update usagers.referent_assignations set agent_id = agent_id where user_id = @user;
            update availability.plage_ouvertures set title = 'Permanence modifiée' where id = @plage;
            update availability.absences set title = 'Formation modifiée' where id = @absence;
            update booking.rdvs set context = 'modifié' where id = @rdv;
            """,
            new { org = world.OrganisationA, lieu, motif, agent, agentRole, user, plage, absence, rdv });
        await DispatchAsync();

        // Each deletion in its own transaction; the agent's goes with its role (cascade).
        foreach (var delete in new[]
                 {
                     "delete from booking.rdvs where id = @rdv", "delete from availability.plage_ouvertures where id = @plage",
                     "delete from availability.absences where id = @absence", "delete from usagers.referent_assignations where user_id = @user",
                     "delete from usagers.user_profiles where user_id = @user", "delete from organisations.agents where id = @agent",
                     "delete from organisations.lieux where id = @lieu", "delete from organisations.motifs where id = @motif",
                 })
            await SqlAsync(delete, new { rdv, plage, absence, user, agent, lieu, motif });
        await DispatchAsync();

        var received = receiver.Requests.Select(Parse).ToList();
        received.Should().OnlyContain(r => r.Path == "/all" && r.SignatureValid && r.ContentType == "application/json; charset=utf-8" && r.Method == "POST");
        received.Should().OnlyContain(r => TimestampFormat().IsMatch(r.Timestamp) && r.Reason == null);
        string Key(Received r) => $"{r.Model} {r.Event}";
        var expected = new[]
        {
            $"Lieu created {lieu}", $"Motif created {motif}", $"Agent created {agent}", $"AgentRole created {agentRole}", $"User created {user}",
            $"UserProfile created {user}/{world.OrganisationA}", $"ReferentAssignation created {user}/{agent}", $"PlageOuverture created {plage}",
            $"Absence created {absence}", $"Rdv created {rdv}",
            $"Organisation updated {world.OrganisationA}", $"Lieu updated {lieu}", $"Motif updated {motif}", $"Agent updated {agent}",
            $"AgentRole updated {agentRole}", $"User updated {user}", $"UserProfile updated {user}/{world.OrganisationA}",
            $"ReferentAssignation updated {user}/{agent}", $"PlageOuverture updated {plage}", $"Absence updated {absence}", $"Rdv updated {rdv}",
            $"Rdv destroyed {rdv}", $"PlageOuverture destroyed {plage}", $"Absence destroyed {absence}", $"ReferentAssignation destroyed {user}/{agent}",
            $"UserProfile destroyed {user}/{world.OrganisationA}", $"Agent destroyed {agent}", $"AgentRole destroyed {agentRole}",
            $"Lieu destroyed {lieu}", $"Motif destroyed {motif}",
        };
        received.Select(r => $"{Key(r)} {r.Identity}").Should().Contain(expected);

        // Destroyed payloads carry the last state, nested associations included (§4.6).
        var destroyedRdv = received.Single(r => r.Model == "Rdv" && r.Event == "destroyed").Data;
        destroyedRdv.GetProperty("context").GetString().Should().Be("modifié");
        destroyedRdv.GetProperty("participations").EnumerateArray().Select(p => p.GetProperty("user").GetProperty("id").GetInt64()).Should().Equal(user);
        destroyedRdv.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).Should().Equal(agent);
        received.Single(r => r.Model == "PlageOuverture" && r.Event == "destroyed").Data.GetProperty("motifs").EnumerateArray()
            .Select(m => m.GetProperty("id").GetInt64()).Should().Equal(motif);
        received.Single(r => r.Model == "Absence" && r.Event == "updated").Data.GetProperty("title").GetString().Should().Be("Formation modifiée");
        (await DeliveriesAsync(endpoint)).Should().OnlyContain(d => d.Status == "delivered" && d.Attempts == 1);
    }

    [Test]
    public async Task An_absence_goes_to_every_organisation_of_its_agent_and_a_user_to_each_of_his()
    {
        var inA = await EndpointAsync("/a", ["absence", "user"]);
        var inB = await EndpointAsync("/b", ["absence", "user"], world.OrganisationB);
        await SqlAsync("insert into availability.absences (agent_id, title, first_day, start_time, end_day, end_time) values (@agent, 'Congé', current_date + 40, '09:00', current_date + 40, '12:00')",
            new { agent = world.TwoOrganisationsAgent.Id });
        await SqlAsync("update usagers.users set first_name = first_name where id = @user", new { user = world.UsagerA });
        await DispatchAsync();

        var received = receiver.Requests.Select(Parse).ToList();
        received.Where(r => r.Model == "Absence").Select(r => r.Path).Should().BeEquivalentTo(["/a", "/b"]);
        received.Where(r => r.Model == "User").Select(r => r.Path).Should().Equal("/a");
        (await DeliveriesAsync(inA)).Should().HaveCount(2);
        (await DeliveriesAsync(inB)).Should().HaveCount(1);
    }

    [Test]
    public async Task A_rolled_back_change_sends_nothing_and_an_unsubscribed_model_costs_no_capture()
    {
        await EndpointAsync("/rdv-only", ["rdv"]);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("update booking.rdvs set context = 'annulé' where id = @rdv", new { rdv = world.PmiRdvA }, transaction);
            (await connection.ExecuteScalarAsync<long>("select count(*) from webhooks.captures", transaction: transaction)).Should().Be(1);
            await transaction.RollbackAsync();
        }
        await SqlAsync("update organisations.lieux set name = name where id = @lieu", new { lieu = world.LieuA });

        (await ScalarAsync<long>("select count(*) from webhooks.captures")).Should().Be(0);
        await DispatchAsync();
        receiver.Requests.Should().BeEmpty();
        (await ScalarAsync<long>("select count(*) from webhooks.deliveries")).Should().Be(0);
    }

    [Test]
    public async Task A_failing_receiver_gets_retries_until_it_answers_and_a_hanging_one_times_out()
    {
        var endpoint = await EndpointAsync("/flaky", ["rdv"]);
        receiver.Mode = WebhookReceiver.Behaviour.ServerError;
        await SqlAsync("update booking.rdvs set context = 'un' where id = @rdv", new { rdv = world.PmiRdvA });
        await DispatchAsync();
        var first = (await DeliveriesAsync(endpoint)).Single();
        first.Should().Match<Delivery>(d => d.Status == "pending" && d.Attempts == 1 && d.LastStatusCode == 500);
        // First wait: 1⁴ + 2 = 3 s, plus at most 15 % jitter.
        first.WaitSeconds.Should().BeInRange(2.99, 3.0 * 1.15 + 0.01);

        receiver.Mode = WebhookReceiver.Behaviour.Hang;
        await MakeDueAsync();
        await DispatchAsync();
        (await DeliveriesAsync(endpoint)).Single().Should().Match<Delivery>(d => d.Status == "pending" && d.Attempts == 2 && d.LastError == "Délai dépassé");

        receiver.Mode = WebhookReceiver.Behaviour.Ok;
        await MakeDueAsync();
        await DispatchAsync();
        (await DeliveriesAsync(endpoint)).Single().Should().Match<Delivery>(d => d.Status == "delivered" && d.Attempts == 3 && d.LastError == null);
        // The very same bytes each time (§4.3: frozen payload).
        receiver.Requests.Select(r => r.Text).Distinct().Should().HaveCount(1);
        receiver.Requests.Should().HaveCount(3);
    }

    [Test]
    public async Task The_twentieth_failure_gives_up()
    {
        var endpoint = await EndpointAsync("/down", ["rdv"]);
        receiver.Mode = WebhookReceiver.Behaviour.ServerError;
        await SqlAsync("update booking.rdvs set context = 'deux' where id = @rdv", new { rdv = world.PmiRdvA });
        await DispatchAsync();
        await SqlAsync("update webhooks.deliveries set attempts = 19, next_attempt_at = now() where endpoint_id = @endpoint", new { endpoint });
        await DispatchAsync();
        (await DeliveriesAsync(endpoint)).Single().Should().Match<Delivery>(d => d.Status == "failed" && d.Attempts == 20);
    }

    [Test]
    public async Task A_record_newer_change_waits_for_the_older_one_to_be_delivered()
    {
        var endpoint = await EndpointAsync("/ordered", ["rdv", "plage_ouverture"]);
        receiver.Mode = WebhookReceiver.Behaviour.ServerError;
        await SqlAsync("update booking.rdvs set context = 'premier' where id = @rdv", new { rdv = world.PmiRdvA });
        await SqlAsync("update booking.rdvs set context = 'second' where id = @rdv", new { rdv = world.PmiRdvA });
        await SqlAsync("update availability.plage_ouvertures set title = 'Autre enregistrement' where id = @plage", new { plage = world.PlagePmiAgentA });
        await DispatchAsync();

        // Only the older change of the RDV was tried; the newer one waits behind it; another record is not held back.
        var rdvPayloads = await PayloadsAsync(endpoint, "rdv");
        rdvPayloads.Should().HaveCount(2);
        receiver.Requests.Select(Parse).Where(r => r.Model == "PlageOuverture").Should().HaveCount(1);
        receiver.Requests.Where(r => Parse(r).Model == "Rdv").Select(r => r.Text).Should().Equal(rdvPayloads[0]);
        (await DeliveriesAsync(endpoint)).Select(d => d.Attempts).Should().Equal(1, 0, 1);

        receiver.Mode = WebhookReceiver.Behaviour.Ok;
        receiver.Clear();
        await MakeDueAsync();
        await DispatchAsync();
        // The older one first, then the newer one once the older was delivered.
        receiver.Requests.Where(r => Parse(r).Model == "Rdv").Select(r => r.Text).Should().Equal(rdvPayloads[0], rdvPayloads[1]);
        (await DeliveriesAsync(endpoint)).Should().OnlyContain(d => d.Status == "delivered");
    }

    private static async Task<List<string>> PayloadsAsync(long endpoint, string model)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.QueryAsync<string>(
            "select convert_from(payload, 'UTF8') from webhooks.deliveries where endpoint_id = @endpoint and model = @model order by id", new { endpoint, model })).AsList();
    }

    [Test]
    public async Task A_pending_retry_goes_to_the_new_url_with_the_new_secret_and_a_deleted_endpoint_drops_it()
    {
        var endpoint = await EndpointAsync("/old", ["rdv"]);
        receiver.Mode = WebhookReceiver.Behaviour.ServerError;
        await SqlAsync("update booking.rdvs set context = 'trois' where id = @rdv", new { rdv = world.PmiRdvA });
        await DispatchAsync();
        receiver.Requests.Select(r => r.Path).Should().Equal("/old");

        await InScopeAsync(sp => sp.GetRequiredService<IWebhookEndpointStore>().UpdateAsync(endpoint, receiver.Url + "/new", "nouveau-secret", ["rdv"], default));
        receiver.Mode = WebhookReceiver.Behaviour.Ok;
        receiver.Clear();
        await MakeDueAsync();
        await DispatchAsync();
        var retried = receiver.Requests.Single();
        retried.Path.Should().Be("/new");
        WebhookSignature.Verify(retried.Text, "nouveau-secret", retried.Headers[WebhookSignature.HeaderName]).Should().BeTrue();

        receiver.Mode = WebhookReceiver.Behaviour.ServerError;
        await SqlAsync("update booking.rdvs set context = 'quatre' where id = @rdv", new { rdv = world.PmiRdvA });
        await DispatchAsync();
        await InScopeAsync(sp => sp.GetRequiredService<IWebhookEndpointStore>().DeleteAsync(endpoint, default));
        (await ScalarAsync<long>("select count(*) from webhooks.deliveries")).Should().Be(0);
    }

    [Test]
    public async Task A_retention_purge_is_marked_rgpd_and_skipped_webhooks_send_nothing()
    {
        // An absence written before any endpoint exists: nothing captured until its purge.
        var absence = await ScalarAsync<long>(
            "insert into availability.absences (agent_id, title, first_day, start_time, end_day, end_time) values (@agent, 'Ancienne formation', '2019-03-01', '09:00', '2019-03-01', '12:00') returning id",
            new { agent = world.PmiAgentA.Id });
        await EndpointAsync("/rgpd", ["absence", "plage_ouverture"]);
        await InScopeAsync(async sp =>
        {
            var unitOfWork = sp.GetRequiredService<RdvSP.Application.Common.Abstractions.IUnitOfWork>();
            await unitOfWork.BeginAsync(default);
            await sp.GetRequiredService<IWebhookCapture>().MarkRgpdAsync(default);
            var db = sp.GetRequiredService<RdvSP.Infrastructure.Persistence.DbSession>();
            await (await db.ConnectionAsync()).ExecuteAsync("delete from availability.absences where id = @absence", new { absence }, db.Transaction);
            await unitOfWork.CommitAsync(default);

            await unitOfWork.BeginAsync(default);
            await sp.GetRequiredService<IWebhookCapture>().SkipWebhooksAsync(default);
            await (await db.ConnectionAsync()).ExecuteAsync("update availability.plage_ouvertures set title = 'Sans webhook' where id = @plage", new { plage = world.PlagePmiAgentA }, db.Transaction);
            await unitOfWork.CommitAsync(default);
        });
        await SqlAsync("update availability.plage_ouvertures set title = 'Avec webhook' where id = @plage", new { plage = world.PlagePmiAgentA });
        await DispatchAsync();

        // Two records: the senders work in parallel, so only the order per record is guaranteed.
        var received = receiver.Requests.Select(Parse).ToList();
        received.Select(r => (r.Model, r.Event, r.Reason)).Should().BeEquivalentTo([("Absence", "destroyed", "rgpd"), ("PlageOuverture", "updated", (string?)null)]);
        received.Single(r => r.Model == "Absence").Data.GetProperty("title").GetString().Should().Be("Ancienne formation");
        received.Single(r => r.Model == "PlageOuverture").Data.GetProperty("title").GetString().Should().Be("Avec webhook");
    }

    [Test]
    public async Task A_replay_sends_created_for_every_record_of_the_organisation_to_that_endpoint_only()
    {
        var target = await EndpointAsync("/replay", ["organisation", "rdv", "absence", "plage_ouverture", "user_profile"]);
        await EndpointAsync("/bystander", ["organisation", "rdv", "absence", "plage_ouverture", "user_profile"]);
        var queued = await InScopeAsync(sp => sp.GetRequiredService<IWebhookCapture>().ReplayAsync(target, default));
        await DispatchAsync();

        var received = receiver.Requests.Select(Parse).ToList();
        received.Should().HaveCount(queued).And.OnlyContain(r => r.Path == "/replay" && r.Event == "created");
        received.Select(r => $"{r.Model} {r.Identity}").Should().Contain(
        [
            $"Organisation {world.OrganisationA}", $"Rdv {world.PmiRdvA}", $"PlageOuverture {world.PlagePmiAgentA}",
            $"Absence {world.AbsencePmiAgentA}", $"UserProfile {world.UsagerA}/{world.OrganisationA}",
        ]);
        received.Should().NotContain(r => r.Model == "Rdv" && r.Identity == world.RdvB.ToString());
    }

    private async Task<long> EndpointAsync(string path, IReadOnlyList<string> subscriptions, long? organisationId = null) =>
        await InScopeAsync(async sp => (await sp.GetRequiredService<IWebhookEndpointStore>().AddAsync(
            organisationId ?? world.OrganisationA, receiver.Url + path, Secret, subscriptions, default))!.Value);

    /// <summary>Builds and sends until nothing is left to build (other builders may hold the lock for a moment).</summary>
    private async Task DispatchAsync()
    {
        for (var round = 0; round < 50; round++)
        {
            await factory.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(default);
            if (await ScalarAsync<long>("select count(*) from webhooks.captures") == 0) return;
        }
        throw new InvalidOperationException("Captures left unbuilt");
    }

    private static Task MakeDueAsync() => SqlAsync("update webhooks.deliveries set next_attempt_at = now() where status = 'pending'");

    private static async Task<List<Delivery>> DeliveriesAsync(long endpoint)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.QueryAsync<Delivery>(
            """
            select status, attempts, last_status_code, last_error, extract(epoch from next_attempt_at - updated_at)::float8 as wait_seconds
              from webhooks.deliveries where endpoint_id = @endpoint order by id
            """,
            new { endpoint })).AsList();
    }

    private static async Task SqlAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
    }

    private static async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    private static Received Parse(ReceivedWebhook request)
    {
        var text = request.Text;
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        root.EnumerateObject().Select(p => p.Name).Should().Equal("data", "meta");
        var meta = root.GetProperty("meta");
        meta.EnumerateObject().Select(p => p.Name).Should().Equal("model", "event", "webhook_reason", "timestamp");
        var data = root.GetProperty("data");
        var identity = data.TryGetProperty("id", out var id)
            ? id.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{data.GetProperty("user").GetProperty("id").GetInt64()}/{(data.TryGetProperty("organisation", out var o) ? o : data.GetProperty("agent")).GetProperty("id").GetInt64()}";
        return new Received(
            request.Method, request.Path, request.Headers.GetValueOrDefault("Content-Type"),
            WebhookSignature.Verify(text, Secret, request.Headers.GetValueOrDefault(WebhookSignature.HeaderName) ?? ""),
            meta.GetProperty("model").GetString()!, meta.GetProperty("event").GetString()!, meta.GetProperty("webhook_reason").GetString(),
            meta.GetProperty("timestamp").GetString()!, data, identity);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$")]
    private static partial Regex TimestampFormat();

    private sealed record Received(
        string Method, string Path, string? ContentType, bool SignatureValid, string Model, string Event, string? Reason, string Timestamp, JsonElement Data, string Identity);

    private sealed class Delivery
    {
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public double WaitSeconds { get; init; }
    }
}
