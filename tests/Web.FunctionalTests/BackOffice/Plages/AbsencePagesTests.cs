using System.Globalization;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Plages;

/// <summary>
/// The absences ("indisponibilités") of the agent space through the real pages (REFERENCE-SURFACES
/// §2.3.10): create, list, show, edit, delete; at once in the agenda feed and the slot search; and every
/// refused input of issue 9's acceptance 2 (French message, nothing written).
/// </summary>
[TestFixture]
public sealed class AbsencePagesTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateOnly Monday(int weeks) => Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7) + (7 * weeks));

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", Inv);

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private string NewUrl(long agentId) => $"/admin/organisations/{world.OrganisationA}/agents/{agentId}/absences/new";

    private string ShowUrl(long id) => $"/admin/organisations/{world.OrganisationA}/absences/{id}";

    private static async Task<long> CountAsync(string title)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from availability.absences where title = @t", connection);
        command.Parameters.AddWithValue("t", title);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Dictionary<string, string> Fields(string title, DateOnly firstDay, string start, DateOnly? endDay, string end, string recurrence = "") => new()
    {
        ["Input.Title"] = title,
        ["Input.FirstDay"] = D(firstDay),
        ["Input.StartTime"] = start,
        ["Input.EndDay"] = endDay is { } e ? D(e) : "",
        ["Input.EndTime"] = end,
        ["Input.Recurrence"] = recurrence,
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDictionary<string, string> fields) =>
        client.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static long IdFrom(HttpResponseMessage response) =>
        long.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), Inv);

    private string Slots(DateOnly monday) =>
        $"/admin/organisations/{world.OrganisationA}/creneaux_search/selection_creneaux?motif_id={world.PmiMotifA}&from_date={D(monday)}&lieu_id={world.LieuA}";

    private string SlotLink(DateOnly day, string time) => $"starts_at={D(day)}T{time}&agent_ids[]={world.PmiAgentA.Id}";

    [Test]
    public async Task An_absence_removes_the_slots_of_its_day_from_the_search_and_shows_in_the_agenda_at_once()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var monday = Monday(2);
        var wednesday = monday.AddDays(2);
        (await client.GetTextAsync(Slots(monday))).Should().Contain(SlotLink(wednesday, "09:00")).And.Contain(SlotLink(wednesday, "11:30"));
        var title = Unique("Formation");

        var response = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, wednesday, "08:00", null, "12:00"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var slots = await client.GetTextAsync(Slots(monday));
        slots.Should().NotContain(SlotLink(wednesday, "09:00")).And.NotContain(SlotLink(wednesday, "11:30"));
        slots.Should().Contain(SlotLink(monday.AddDays(3), "09:00"), "the other days keep their slots");

        var feed = await client.GetStringAsync($"/admin/organisations/{world.OrganisationA}/agent_agendas/{world.PmiAgentA.Id}?handler=Background&start={D(monday)}&end={D(monday.AddDays(7))}");
        var absence = JsonDocument.Parse(feed).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("extendedProps").GetProperty("kind").GetString() == "absence" && e.GetProperty("title").GetString() == title);
        absence.GetProperty("start").GetString().Should().Be($"{D(wednesday)}T08:00:00");

        var show = await client.GetTextAsync(ShowUrl(IdFrom(response)));
        show.Should().Contain(title).And.Contain($"le {wednesday.ToString("dd/MM/yyyy", Inv)} à 08h00").And.Contain("L'indisponibilité a été créée.");
        (await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/absences")).Should().Contain(title).And.Contain("Formation");
    }

    [Test]
    public async Task A_recurring_absence_is_edited_then_deleted_and_the_slots_come_back()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var monday = Monday(7);
        var thursday = monday.AddDays(3);
        var title = Unique("Reunion d'equipe");
        var weekly = $$"""{"every":"week","interval":1,"starts":"{{D(thursday)}}","until":"{{D(thursday.AddDays(21))}}"}""";
        var id = IdFrom(await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, thursday, "09:00", null, "10:00", weekly)));
        (await client.GetTextAsync(Slots(monday.AddDays(7)))).Should().NotContain(SlotLink(thursday.AddDays(7), "09:30")).And.Contain(SlotLink(thursday.AddDays(7), "10:00"));

        var edited = await PostAsync(client, $"{ShowUrl(id)}/edit", Fields(title, thursday, "09:00", thursday, "11:00", weekly));
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetTextAsync(Slots(monday.AddDays(7)))).Should().NotContain(SlotLink(thursday.AddDays(7), "10:30"));
        (await client.GetTextAsync(ShowUrl(id))).Should().Contain("Toutes les semaines, le jeudi");

        var deleted = await client.PostFormAsync(ShowUrl(id), [], $"{ShowUrl(id)}?handler=Delete");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountAsync(title)).Should().Be(0);
        (await client.GetTextAsync(Slots(monday.AddDays(7)))).Should().Contain(SlotLink(thursday.AddDays(7), "09:30"));
    }

    [Test]
    public async Task A_past_absence_is_in_the_expired_tab()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var title = Unique("Conges passes");

        (await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, Today.AddDays(-20), "00:00", Today.AddDays(-13), "23:55"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/absences?expired=true")).Should().Contain(title);
        (await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/absences")).Should().NotContain(title);
    }

    public static IEnumerable<TestCaseData> RefusedInputs()
    {
        var first = Monday(4);
        string Weekly(string extra) => $$$"""{"every":"week","interval":1,"starts":"{{{D(first)}}}"{{{extra}}}}""";
        yield return Case("end before start", first, "12:00", null, "09:00", "", "La fin doit être après le début.");
        yield return Case("end day before first day", first, "09:00", first.AddDays(-1), "18:00", "", "La fin doit être après le début.");
        yield return Case("recurring absence over several days", first, "09:00", first.AddDays(2), "12:00", Weekly(""), "Une indisponibilité récurrente doit commencer et finir le même jour.");
        yield return Case("first day after the recurrence end", first, "09:00", null, "12:00", Weekly($$""","until":"{{D(first.AddDays(-3))}}" """), "La date de fin de la récurrence doit être postérieure au premier jour.");
        yield return Case("end date equal to the first day", first, "09:00", null, "12:00", Weekly($$""","until":"{{D(first)}}" """), "La date de fin de la récurrence doit être postérieure au premier jour.");
        yield return Case("interval 0", first, "09:00", null, "12:00", $$"""{"every":"week","interval":0,"starts":"{{D(first)}}"}""", "L'intervalle de la récurrence doit être compris entre 1 et 5.");
        yield return Case("interval 9", first, "09:00", null, "12:00", $$"""{"every":"week","interval":9,"starts":"{{D(first)}}"}""", "L'intervalle de la récurrence doit être compris entre 1 et 5.");
        yield return Case("first day before 2018", new DateOnly(2017, 6, 1), "09:00", null, "12:00", "", "n'est pas réaliste");
        yield return Case("end day after five years", first, "09:00", Today.AddYears(5).AddDays(3), "12:00", "", "n'est pas réaliste");
        yield return Case("tampered recurrence JSON", first, "09:00", null, "12:00", """{"every":"week","on":["funday"]}""", "La récurrence n'a pas un format valide");

        static TestCaseData Case(string name, DateOnly day, string start, DateOnly? endDay, string end, string recurrence, string message) =>
            new TestCaseData(day, start, endDay, end, recurrence, message).SetName($"Refused absence: {name}");
    }

    [TestCaseSource(nameof(RefusedInputs))]
    public async Task A_refused_absence_shows_a_french_message_and_writes_nothing(DateOnly firstDay, string start, DateOnly? endDay, string end, string recurrence, string message)
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var title = Unique("Refusee");

        var response = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, firstDay, start, endDay, end, recurrence));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message);
        (await CountAsync(title)).Should().Be(0);
    }

    [Test]
    public async Task An_agent_of_another_service_may_neither_see_nor_change_the_absences()
    {
        using var client = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        var title = Unique("Intrusion");

        (await client.GetAsync(NewUrl(world.PmiAgentA.Id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        // The token comes from a page he may open; the post itself is refused.
        (await client.PostFormAsync("/admin/organisations", Fields(title, Monday(4), "09:00", null, "12:00"), NewUrl(world.PmiAgentA.Id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync(ShowUrl(world.AbsencePmiAgentA))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountAsync(title)).Should().Be(0);
    }
}
