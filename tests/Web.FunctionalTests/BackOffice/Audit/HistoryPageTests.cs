using System.Net;
using FluentAssertions;
using RdvSP.TestKit;
using RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

namespace RdvSP.Web.FunctionalTests.BackOffice.Audit;

/// <summary>
/// The audit trail end to end: a status change and a usager edit sent by agents through the real
/// pages (Mediator pipeline, its transaction and its author) write one entry each, which the
/// "Historique" section shows in French; agents who may not see the object do not see its history.
/// </summary>
[TestFixture]
public sealed class HistoryPageTests : AgentRdvsFixture
{
    private string RdvUrl(long rdvId) => $"/admin/organisations/{World.OrganisationA}/rdvs/{rdvId}";

    [Test]
    public async Task A_status_change_is_one_entry_shown_in_french_to_who_may_see_the_rdv_only()
    {
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 12, 10), World.PmiAgentA.Id, World.UsagerA);
        using var agent = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var token = HtmlForms.AntiforgeryToken(await agent.GetStringAsync(RdvUrl(rdv)));

        var posted = await agent.PostAsync($"{RdvUrl(rdv)}?handler=Status", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("status", "excused")]));

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from audit.versions where item_type = 'rdv' and item_id = {rdv} and event = 'update'"))
            .Should().Be(1, "the RDV, its participation and its seat count were saved in one transaction");
        (await ScalarAsync($"""
            select count(*) from audit.versions
             where item_type = 'rdv' and item_id = {rdv} and event = 'update' and author_kind = 'agent' and author_id = {World.PmiAgentA.Id}
               and organisation_id = {World.OrganisationA} and changes -> 'status' = '["unknown", "excused"]'
            """)).Should().Be(1);

        var page = await agent.GetTextAsync(RdvUrl(rdv));
        page.Should().Contain("Historique").And.Contain("Statut : À venir → Annulé (excusé)").And.Contain(World.PmiAgentA.FullName)
            .And.Contain("12/03/2027 à 10h00", "instants are shown in the organisation's zone");
        using var admin = await Factory.SignedInAgentAsync(World.AdminA.Email);
        (await admin.GetTextAsync(RdvUrl(rdv))).Should().Contain("Statut : À venir → Annulé (excusé)");

        using var otherOrganisation = await Factory.SignedInAgentAsync(World.AdminB.Email);
        var refused = await otherOrganisation.GetAsync(RdvUrl(rdv));
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.ReadTextAsync()).Should().NotContain("Annulé (excusé)");
        using var otherService = await Factory.SignedInAgentAsync(World.SocialAgentA.Email);
        (await otherService.GetAsync(RdvUrl(rdv))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_usager_edit_is_one_entry_by_its_agent_on_the_usager_page()
    {
        var users = $"/admin/organisations/{World.OrganisationA}/users";
        using var admin = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var before = await ScalarAsync($"select count(*) from audit.versions where item_type = 'user' and item_id = {World.UsagerA}");

        var saved = await admin.PostFormAsync($"{users}/{World.UsagerA}/edit",
            [new("Input.FirstName", "Maëlle"), new("Input.LastName", World.UsagerALastName), new("Input.Email", World.UsagerAEmail)]);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from audit.versions where item_type = 'user' and item_id = {World.UsagerA}")).Should().Be(before + 1);
        (await ScalarAsync($"""
            select count(*) from audit.versions
             where item_type = 'user' and item_id = {World.UsagerA} and author_kind = 'agent' and author_id = {World.AdminA.Id}
               and changes ? 'first_name' and changes -> 'first_name' ->> 1 = 'Maëlle'
            """)).Should().Be(1);
        var page = await admin.GetTextAsync($"{users}/{World.UsagerA}");
        page.Should().Contain("Historique").And.Contain("→ Maëlle").And.Contain(World.AdminA.FullName);
    }
}
