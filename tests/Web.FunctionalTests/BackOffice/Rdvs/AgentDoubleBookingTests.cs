using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>
/// Agents confirming the same free time of one agent at the same moment: the per-agent lock of the
/// booking module serialises them and the overlap is checked again under it, so that agent gets one
/// RDV and every other agent gets the overlap warning back (nothing written), never a 500.
/// </summary>
[TestFixture]
public sealed class AgentDoubleBookingTests : AgentRdvsFixture
{
    [Test]
    public async Task Two_agents_confirming_the_same_slot_for_one_agent_give_one_rdv([Values(0, 1, 2, 3, 4)] int round)
    {
        using var admin = await Factory.SignedInAgentAsync(World.AdminA.Email);
        using var secretary = await Factory.SignedInAgentAsync(World.SecretaryA.Email);
        var first = await AddUsagerAsync("Premier", $"Course{round}");
        var second = await AddUsagerAsync("Second", $"Course{round}");
        var startsAt = $"2027-03-2{round}T16:00";
        var urls = new[] { WizardUrl(4, startsAt, [World.PmiAgentA.Id], [first]), WizardUrl(4, startsAt, [World.PmiAgentA.Id], [second]) };
        var tokens = new[]
        {
            HtmlForms.AntiforgeryToken(await admin.GetStringAsync(urls[0])),
            HtmlForms.AntiforgeryToken(await secretary.GetStringAsync(urls[1])),
        };

        using var start = new ManualResetEventSlim(false);
        var posts = new[] { (admin, urls[0], tokens[0], first), (secretary, urls[1], tokens[1], second) }.Select(p => Task.Run(async () =>
        {
            start.Wait();
            var response = await p.Item1.PostAsync(p.Item2, new FormUrlEncodedContent(
                [new("__RequestVerificationToken", p.Item3), new("Input.LifecycleUserIds", p.Item4.ToString())]));
            return (response.StatusCode, Body: await response.ReadTextAsync());
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(posts);

        outcomes.Count(o => o.StatusCode == HttpStatusCode.Redirect).Should().Be(1, string.Join(" | ", outcomes.Select(o => o.StatusCode)));
        outcomes.Single(o => o.StatusCode != HttpStatusCode.Redirect).Should().Match<(HttpStatusCode StatusCode, string Body)>(o =>
            o.StatusCode == HttpStatusCode.Conflict && o.Body.Contains("L'agent a déjà un RDV qui chevauche ce créneau"));
        (await ScalarAsync($"""
            select count(*) from booking.agents_rdvs ar join booking.rdvs r on r.id = ar.rdv_id
             where ar.agent_id = {World.PmiAgentA.Id} and r.starts_at = '{Utc(ParisTime(2027, 3, 20 + round, 16))}'
            """)).Should().Be(1);
    }

    [Test]
    public async Task A_hundred_parallel_attempts_through_two_instances_give_one_rdv()
    {
        await using var secondInstance = new RdvspWebFactory().WithClock(Now);
        var agents = new[] { World.AdminA, World.SecretaryA, World.PmiAgentA };
        var clients = new List<HttpClient>();
        foreach (var instance in new[] { Factory, secondInstance })
            foreach (var agent in agents)
                clients.Add(await instance.SignedInAgentAsync(agent.Email));
        var usagers = new List<long>();
        for (var i = 0; i < 100; i++) usagers.Add(await AddUsagerAsync("Usager", $"Cent{i}"));
        var prepared = new List<(HttpClient Client, string Url, string Token, long Usager)>();
        for (var i = 0; i < 100; i++)
        {
            var client = clients[i % clients.Count];
            var url = WizardUrl(4, "2027-03-26T17:00", [World.SocialAgentA.Id], [usagers[i]]);
            prepared.Add((client, url, HtmlForms.AntiforgeryToken(await client.GetStringAsync(url)), usagers[i]));
        }

        using var start = new ManualResetEventSlim(false);
        var posts = prepared.Select(p => Task.Run(async () =>
        {
            start.Wait();
            var response = await p.Client.PostAsync(p.Url, new FormUrlEncodedContent(
                [new("__RequestVerificationToken", p.Token), new("Input.LifecycleUserIds", p.Usager.ToString())]));
            return (response.StatusCode, Body: await response.ReadTextAsync());
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(posts);
        foreach (var client in clients) client.Dispose();

        var summary = string.Join(", ", outcomes.GroupBy(o => o.StatusCode).Select(g => $"{(int)g.Key}×{g.Count()}"));
        outcomes.Count(o => o.StatusCode == HttpStatusCode.Redirect).Should().Be(1, summary);
        outcomes.Where(o => o.StatusCode != HttpStatusCode.Redirect).Should().OnlyContain(o => o.StatusCode == HttpStatusCode.Conflict
            && (o.Body.Contains("L'agent a déjà un RDV qui chevauche ce créneau") || o.Body.Contains("Réessayez dans quelques instants")), summary);
        (await ScalarAsync($"""
            select count(*) from booking.agents_rdvs ar join booking.rdvs r on r.id = ar.rdv_id
             where ar.agent_id = {World.SocialAgentA.Id} and r.starts_at = '{Utc(ParisTime(2027, 3, 26, 17))}'
            """)).Should().Be(1);
    }
}
