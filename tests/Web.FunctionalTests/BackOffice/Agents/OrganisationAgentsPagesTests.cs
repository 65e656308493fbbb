using System.Globalization;
using System.Net;
using FluentAssertions;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Agents;

/// <summary>
/// "Agents" of the organisation (REFERENCE-SURFACES §2.3.13) through the pages: list scoped by role,
/// invitation by e-mail, intervenant without e-mail, role and services, removal guards; every form
/// refuses bad input with a French message and writes nothing.
/// </summary>
[TestFixture]
public sealed class OrganisationAgentsPagesTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private HttpClient admin = null!;

    private string Agents => $"/admin/organisations/{world.OrganisationA}/agents";

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        admin = await factory.SignedInAgentAsync(world.AdminA.Email);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        admin.Dispose();
        await factory.DisposeAsync();
    }

    [Test]
    public async Task The_admin_sees_every_agent_and_a_basic_agent_only_his_confreres_without_the_admin_forms()
    {
        var all = await admin.GetTextAsync(Agents);
        all.Should().Contain(world.SocialAgentA.FullName).And.Contain(world.PmiAgentA.FullName).And.Contain("Ajouter un agent").And.Contain("Intervenant");

        using var pmi = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var confreres = Table(await pmi.GetTextAsync(Agents));
        confreres.Should().Contain(world.AdminA.FullName).And.NotContain(world.SocialAgentA.FullName);
        (await pmi.GetTextAsync(Agents)).Should().NotContain("Ajouter un agent");
        (await pmi.GetAsync($"{Agents}/new")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await pmi.GetAsync($"{Agents}/{world.SocialAgentA.Id}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        Table(await admin.GetTextAsync($"{Agents}?role=intervenant")).Should().Contain("Intervenant").And.NotContain(world.PmiAgentA.FullName);
    }

    [Test]
    public async Task Inviting_by_email_adds_the_agent_with_a_pending_invitation_and_queues_the_email()
    {
        var email = $"invitee.{Guid.NewGuid():N}@test.rdv-sp.fr";
        var response = await admin.PostFormAsync($"{Agents}/new",
            [new("Input.AccessLevel", "basic"), new("Input.Email", email), new("Input.ServiceIds", Id(world.PmiServiceId))]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var list = await admin.GetTextAsync($"{Agents}?invitations=true");
        list.Should().Contain(email).And.Contain("Invitation en attente");
        (await ScalarAsync($"select count(*) from notifications.outbox where payload::text like '%{email}%'")).Should().Be(1);

        var agentId = await ScalarAsync($"select id from organisations.agents where email = '{email}'");
        var reinvite = await admin.PostFormAsync($"{Agents}/{agentId}/edit", [], $"{Agents}/{agentId}/edit?handler=Reinvite");
        reinvite.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from notifications.outbox where payload::text like '%{email}%'")).Should().Be(2);
    }

    [Test]
    public async Task An_intervenant_is_created_with_a_name_only_and_never_gets_an_email()
    {
        var name = $"Avocat{Guid.NewGuid():N}"[..20];
        var withEmail = await admin.PostFormAsync($"{Agents}/new",
            [new("Input.AccessLevel", "intervenant"), new("Input.Email", "avocat@test.rdv-sp.fr"), new("Input.LastName", name), new("Input.ServiceIds", Id(world.PmiServiceId))]);
        withEmail.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withEmail.ReadTextAsync()).Should().Contain("Un intervenant n'a pas d'adresse e-mail (il ne se connecte pas) : laissez ce champ vide.");

        var created = await admin.PostFormAsync($"{Agents}/new",
            [new("Input.AccessLevel", "intervenant"), new("Input.LastName", name), new("Input.ServiceIds", Id(world.PmiServiceId))]);

        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from organisations.agents a join organisations.agent_roles r on r.agent_id = a.id where a.last_name = '{name}' and a.email is null and r.access_level = 'intervenant'")).Should().Be(1);
        (await ScalarAsync($"select count(*) from notifications.outbox where payload::text like '%{name}%'")).Should().Be(0);

        // Given an e-mail and the basic role, the intervenant becomes an agent who is invited.
        var id = await ScalarAsync($"select id from organisations.agents where last_name = '{name}'");
        (await admin.GetTextAsync($"{Agents}/{id}/edit")).Should().Contain("id=\"Input_Email\"");
        var email = $"{name.ToLowerInvariant()}@test.rdv-sp.fr";
        var promoted = await admin.PostFormAsync($"{Agents}/{id}/edit",
            [new("Input.AccessLevel", "basic"), new("Input.Email", email), new("Input.LastName", name), new("Input.ServiceIds", Id(world.PmiServiceId))]);
        promoted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from notifications.outbox where payload::text like '%{email}%'")).Should().Be(1);
    }

    [Test]
    public async Task Bad_input_on_the_invitation_form_is_refused_in_french_and_writes_nothing()
    {
        var before = await ScalarAsync("select count(*) from organisations.agents");
        var cases = new (KeyValuePair<string, string>[] Fields, string Message)[]
        {
            ([new("Input.AccessLevel", "basic"), new("Input.Email", "pas-un-email"), new("Input.ServiceIds", Id(world.PmiServiceId))], "L'adresse e-mail n'est pas valide"),
            ([new("Input.AccessLevel", "basic"), new("Input.Email", "ok@test.rdv-sp.fr")], "Choisissez au moins un service."),
            ([new("Input.AccessLevel", "root"), new("Input.Email", "ok@test.rdv-sp.fr"), new("Input.ServiceIds", Id(world.PmiServiceId))], "Choisissez un rôle"),
            ([new("Input.AccessLevel", "basic"), new("Input.Email", "ok@test.rdv-sp.fr"), new("Input.ServiceIds", "abc")], "n'est pas valide"),
            ([new("Input.AccessLevel", "basic"), new("Input.Email", "ok@test.rdv-sp.fr"), new("Input.ServiceIds", "987654321")], "Choisissez des services parmi ceux proposés."),
            ([new("Input.AccessLevel", "basic"), new("Input.Email", world.PmiAgentA.Email), new("Input.ServiceIds", Id(world.PmiServiceId))], "Cet agent fait déjà partie de l'organisation."),
        };
        foreach (var (fields, message) in cases)
        {
            var response = await admin.PostFormAsync($"{Agents}/new", fields);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, message);
            (await response.ReadTextAsync()).Should().Contain(message);
        }
        (await ScalarAsync("select count(*) from organisations.agents")).Should().Be(before);
    }

    [Test]
    public async Task Editing_the_role_and_services_is_saved_and_the_last_admin_keeps_his_role()
    {
        var agent = await world.AddAgentAsync("Edith", "Edit", world.PmiServiceId, "basic");
        var edited = await admin.PostFormAsync($"{Agents}/{agent.Id}/edit",
            [new("Input.AccessLevel", "admin"), new("Input.FirstName", "Edith"), new("Input.LastName", "Edit"), new("Input.ServiceIds", Id(world.SocialServiceId))]);
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from organisations.agent_roles where agent_id = {agent.Id} and access_level = 'admin'")).Should().Be(1);
        (await ScalarAsync($"select count(*) from organisations.agent_services where agent_id = {agent.Id} and service_id = {world.SocialServiceId}")).Should().Be(1);

        // Organisation B has one admin: he cannot make himself basic.
        using var adminB = await factory.SignedInAgentAsync(world.AdminB.Email);
        var alone = await adminB.PostFormAsync($"/admin/organisations/{world.OrganisationB}/agents/{world.AdminB.Id}/edit",
            [new("Input.AccessLevel", "basic"), new("Input.LastName", "Beta"), new("Input.ServiceIds", Id(world.PmiServiceId))]);
        alone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await alone.ReadTextAsync()).Should().Contain("L'organisation doit garder au moins un administrateur");
        (await ScalarAsync($"select count(*) from organisations.agent_roles where agent_id = {world.AdminB.Id} and access_level = 'admin'")).Should().Be(1);
    }

    [Test]
    public async Task Removal_is_refused_with_future_rdvs_and_for_oneself_then_removes_the_agent()
    {
        var withRdv = await admin.PostFormAsync($"{Agents}/{world.PmiAgentA.Id}/edit", [], $"{Agents}/{world.PmiAgentA.Id}/edit?handler=Remove");
        withRdv.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withRdv.ReadTextAsync()).Should().Contain("Cet agent a des RDV à venir dans cette organisation");

        var self = await admin.PostFormAsync($"{Agents}/{world.AdminA.Id}/edit", [], $"{Agents}/{world.AdminA.Id}/edit?handler=Remove");
        self.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await self.ReadTextAsync()).Should().Contain("Vous ne pouvez pas vous retirer vous-même de l'organisation.");

        var leaving = await world.AddAgentAsync("Lea", "Depart", world.PmiServiceId, "basic");
        var removed = await admin.PostFormAsync($"{Agents}/{leaving.Id}/edit", [], $"{Agents}/{leaving.Id}/edit?handler=Remove");
        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Table(await admin.GetTextAsync(Agents)).Should().NotContain(leaving.FullName);
        (await admin.GetAsync($"{Agents}/{leaving.Id}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>The agents' table only (the menu lists the agendas the agent may open).</summary>
    private static string Table(string html)
    {
        var start = html.IndexOf("id=\"agents\"", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
