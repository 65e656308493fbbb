using System.Collections.Concurrent;
using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>
/// Two web instances, one database: 200 usagers confirm 10 slots at the same moment. PostgreSQL
/// serialises per agent, so exactly 10 rdvs exist afterwards and every other usager reads the
/// French "créneau plus disponible" answer; no request fails with a 500.
/// </summary>
[TestFixture]
public sealed class DoubleBookingTests : JourneyFixture
{
    private const int Usagers = 200;
    private RdvspWebFactory secondInstance = null!;

    [SetUp]
    public void StartSecondInstance() => secondInstance = new RdvspWebFactory().WithClock(Now);

    [TearDown]
    public async Task StopSecondInstance() => await secondInstance.DisposeAsync();

    [Test]
    public async Task TwoHundredConfirmations_TenSlots_TwoInstances_ExactlyTenRdvs()
    {
        // One agent, ten 30-minute slots on Wednesday 3 March 09:00–14:00 (the weekly plage adds none that day after 12:00).
        var day = new DateOnly(2027, 3, 3);
        await World.AddOneOffPlageAsync(AgentId, MotifId, day, new TimeOnly(12, 0), new TimeOnly(14, 0));
        var slots = Enumerable.Range(0, 10).Select(i => ParisTime(2027, 3, 3, 9).AddMinutes(30 * i)).ToArray();
        var clients = await PrepareConfirmationsAsync(i => slots[i % slots.Length]);

        var responses = await FireAllAsync(clients);

        responses.Select(r => r.Status).Distinct().Should().BeSubsetOf([HttpStatusCode.Redirect, HttpStatusCode.Conflict], Describe(responses));
        responses.Count(r => r.Status == HttpStatusCode.Redirect).Should().Be(10);
        responses.Where(r => r.Status == HttpStatusCode.Conflict)
            .Should().HaveCount(Usagers - 10)
            .And.OnlyContain(r => r.Body.Contains("Ce créneau n'est plus disponible. Veuillez en sélectionner un autre."));
        (await CountRdvsAsync("status = 'unknown'")).Should().Be(10);
        (await ScalarAsync("select count(distinct starts_at) from booking.rdvs")).Should().Be(10);
        (await ScalarAsync(
            """
            select count(*) from booking.agents_rdvs a join booking.agents_rdvs b
              on a.agent_id = b.agent_id and a.rdv_id < b.rdv_id
             and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
            """)).Should().Be(0, "no agent is booked twice at the same time");
    }

    [Test]
    public async Task TwoHundredRegistrations_CollectiveOfCapacityFive_TwoInstances_ExactlyFive()
    {
        var collectiveMotif = await World.AddMotifAsync("Atelier parentalité", collectif: true);
        var rdvId = await World.AddCollectiveRdvAsync(collectiveMotif, AgentId, ParisTime(2027, 3, 10, 14), capacity: 5);
        var clients = await PrepareConfirmationsAsync(_ => default, $"&rdv_collectif_id={rdvId}", collectiveMotif);

        var responses = await FireAllAsync(clients);

        responses.Select(r => r.Status).Distinct().Should().BeSubsetOf([HttpStatusCode.Redirect, HttpStatusCode.Conflict], Describe(responses));
        responses.Count(r => r.Status == HttpStatusCode.Redirect).Should().Be(5);
        responses.Where(r => r.Status == HttpStatusCode.Conflict).Should().OnlyContain(r => r.Body.Contains("Cet atelier est complet."));
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdvId} and status = 'unknown'")).Should().Be(5);
        (await ScalarAsync($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(5);
    }

    private static string Describe(IReadOnlyList<Outcome> responses) =>
        string.Join("; ", responses.GroupBy(r => r.Status).Select(g => $"{(int)g.Key}×{g.Count()}"))
        + " | first unexpected: " + responses.FirstOrDefault(r => r.Status is not (HttpStatusCode.Redirect or HttpStatusCode.Conflict))?.Body[..Math.Min(400, responses.First().Body.Length)];

    private sealed record Prepared(HttpClient Client, string Url, string Token);

    private sealed record Outcome(HttpStatusCode Status, string Body);

    /// <summary>
    /// Each usager signs in on one of the two instances and opens the confirmation step while the slots
    /// are still free (as real people would), keeping the form's antiforgery token.
    /// </summary>
    private async Task<List<Prepared>> PrepareConfirmationsAsync(Func<int, DateTimeOffset> slotOf, string extra = "", long? motifId = null)
    {
        var prepared = new ConcurrentBag<Prepared>();
        var ids = new long[Usagers];
        for (var i = 0; i < Usagers; i++)
            ids[i] = await World.AddUsagerAsync($"usager{i}@example.fr", "Usager", $"N{i}");
        await Parallel.ForEachAsync(Enumerable.Range(0, Usagers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var instance = i % 2 == 0 ? Factory : secondInstance;
            var client = await instance.SignedInClientAsync($"usager{i}@example.fr");
            var url = extra.Length == 0
                ? WizardUrl(3, slotOf(i), ids[i])
                : $"/users/rdv_wizard_step?step=3&motif_id={motifId}&participant_ids={ids[i]}{extra}";
            var form = await client.GetAsync(url);
            form.StatusCode.Should().Be(HttpStatusCode.OK);
            prepared.Add(new Prepared(client, url, HtmlForms.AntiforgeryToken(await form.Content.ReadAsStringAsync())));
        });
        return prepared.ToList();
    }

    private static async Task<IReadOnlyList<Outcome>> FireAllAsync(IReadOnlyList<Prepared> all)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = all.Select(p => Task.Run(async () =>
        {
            start.Wait();
            var response = await p.Client.PostAsync(p.Url, new FormUrlEncodedContent([new("__RequestVerificationToken", p.Token)]));
            return new Outcome(response.StatusCode, await response.ReadTextAsync());
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(tasks);
        foreach (var p in all) p.Client.Dispose();
        return outcomes;
    }
}
