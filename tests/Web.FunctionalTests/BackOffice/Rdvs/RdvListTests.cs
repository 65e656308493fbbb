using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>"Liste des RDV": the scope of each role, the contract's filters, counts per status, pagination, bad filters.</summary>
[TestFixture]
public sealed partial class RdvListTests : AgentRdvsFixture
{
    private long seenPast;
    private long socialRdv;
    private long excused;
    private readonly List<long> many = [];

    [OneTimeSetUp]
    public async Task AddRdvs()
    {
        seenPast = await InsertRdvAsync(ParisTime(2027, 3, 1, 10), World.PmiAgentA.Id, World.UsagerA);
        await ScalarAsync($"update booking.rdvs set status = 'seen' where id = {seenPast}; select 1");
        socialRdv = await InsertRdvAsync(ParisTime(2027, 3, 2, 10), World.SocialAgentA.Id, World.UsagerA, World.SocialMotifA);
        excused = await InsertRdvAsync(ParisTime(2027, 3, 15, 10), World.PmiAgentA.Id, World.UsagerA);
        await ScalarAsync($"update booking.rdvs set status = 'excused' where id = {excused}; select 1");
        for (var i = 0; i < 12; i++) many.Add(await InsertRdvAsync(ParisTime(2027, 5, 3, 8).AddMinutes(30 * i), World.AdminA.Id, World.UsagerA));
    }

    private string ListUrl(string query = "") => $"/admin/organisations/{World.OrganisationA}/rdvs{(query.Length > 0 ? "?" + query : "")}";

    private static long[] Ids(string html) => RdvIds().Matches(html).Select(m => long.Parse(m.Groups[1].Value)).ToArray();

    private static long Count(string html, string status) => long.Parse(Regex.Match(html, $"data-status=\"{status}\">[^:]+: (\\d+)").Groups[1].Value);

    [Test]
    public async Task An_admin_sees_the_whole_organisation_with_counts_per_status_and_ten_per_page()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var html = await client.GetTextAsync(ListUrl());

        // The world's PMI RDV, the 3 added above and 12 of the admin: 16 in organisation A.
        html.Should().Contain("<strong id=\"rdvs-total\">16</strong>");
        Count(html, "seen").Should().Be(1);
        Count(html, "excused").Should().Be(1);
        Count(html, "unknown_past").Should().Be(1, "the social RDV of 2 March is still to fill in");
        Count(html, "unknown_future").Should().Be(13);
        Ids(html).Should().HaveCount(10).And.StartWith([seenPast, socialRdv]);
        Ids(html).Should().NotContain(World.RdvB);

        var second = await client.GetTextAsync(ListUrl("page=2"));
        Ids(second).Should().HaveCount(6).And.EndWith(many[^1]);
    }

    [Test]
    public async Task A_basic_agent_sees_his_services_and_his_own_rdvs_only()
    {
        using var client = await Factory.SignedInAgentAsync(World.SocialAgentA.Email);
        var html = await client.GetTextAsync(ListUrl());
        Ids(html).Should().Equal(socialRdv);
        html.Should().Contain("<strong id=\"rdvs-total\">1</strong>");

        using var pmi = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        Ids(await pmi.GetTextAsync(ListUrl("status=unknown_past"))).Should().BeEmpty("the social RDV is neither his nor of his service");
    }

    [Test]
    public async Task The_filters_of_the_contract_narrow_the_list()
    {
        using var client = await Factory.SignedInAgentAsync(World.SecretaryA.Email);
        Ids(await client.GetTextAsync(ListUrl("status=seen"))).Should().Equal(seenPast);
        Ids(await client.GetTextAsync(ListUrl("status=unknown_past"))).Should().Equal(socialRdv);
        Ids(await client.GetTextAsync(ListUrl($"agent_id={World.SocialAgentA.Id}"))).Should().Equal(socialRdv);
        Ids(await client.GetTextAsync(ListUrl($"motif_ids[]={World.SocialMotifA}"))).Should().Equal(socialRdv);
        Ids(await client.GetTextAsync(ListUrl("start=2027-03-10&end=2027-03-15"))).Should().Equal(World.PmiRdvA, excused);
        Ids(await client.GetTextAsync(ListUrl($"user_id={World.UsagerA}&lieu_ids[]={World.LieuA}&status=excused"))).Should().Equal(excused);
        var filtered = await client.GetTextAsync(ListUrl($"agent_id={World.PmiAgentA.Id}"));
        filtered.Should().Contain("<strong id=\"rdvs-total\">3</strong>");
    }

    [TestCase("start=2027-03-15&end=2027-03-10", "La date de fin doit être postérieure ou égale à la date de début.")]
    [TestCase("status=perdu", "Le statut demandé n'existe pas.")]
    [TestCase("page=5000", "Le numéro de page doit être compris entre 1 et 1000.")]
    [TestCase("start=2020-01-01&end=2030-01-01", "La période ne peut pas dépasser 5 ans.")]
    [TestCase("start=2027-02-31", "La date de début doit être au format AAAA-MM-JJ.")]
    public async Task Bad_filters_get_a_french_message(string query, string message)
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var response = await client.GetAsync(ListUrl(query));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message);
    }

    [Test]
    public async Task Filters_with_ids_of_another_organisation_are_refused()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        (await client.GetAsync(ListUrl($"agent_id={World.AdminB.Id}"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync(ListUrl($"user_id={World.UsagerB}"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync(ListUrl($"lieu_ids[]={World.LieuB}"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync(ListUrl($"motif_ids[]={World.MotifB}"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync(ListUrl("page=99999999999"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [GeneratedRegex("data-rdv-id=\"(\\d+)\"")]
    private static partial Regex RdvIds();
}
