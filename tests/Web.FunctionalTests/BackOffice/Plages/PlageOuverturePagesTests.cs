using System.Globalization;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Plages;

/// <summary>
/// The plages d'ouverture of the agent space through the real pages (REFERENCE-SURFACES §2.3.9): create,
/// list (current / expired, search), show, edit, duplicate, delete, the benign warnings, and every
/// refused input of issue 9's acceptance 2 (French message, nothing written).
/// </summary>
[TestFixture]
public sealed class PlageOuverturePagesTests
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

    /// <summary>The Monday <paramref name="weeks"/> weeks after this week's.</summary>
    private static DateOnly Monday(int weeks)
    {
        var today = Today;
        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7) + (7 * weeks));
    }

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", Inv);

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private string NewUrl(long agentId) => $"/admin/organisations/{world.OrganisationA}/agents/{agentId}/plage_ouvertures/new";

    private string ShowUrl(long id) => $"/admin/organisations/{world.OrganisationA}/plage_ouvertures/{id}";

    private static async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    private static Task<long> CountAsync(string title) =>
        ScalarAsync<long>("select count(*) from availability.plage_ouvertures where title = @t", ("t", title));

    private Dictionary<string, string> Fields(string title, DateOnly firstDay, string start = "14:00", string end = "17:00", string? recurrence = null, long? lieu = null, params long[] motifs) => new()
    {
        ["Input.Title"] = title,
        ["Input.FirstDay"] = D(firstDay),
        ["Input.StartTime"] = start,
        ["Input.EndTime"] = end,
        ["Input.Recurrence"] = recurrence ?? "",
        ["Input.LieuId"] = (lieu ?? world.LieuA).ToString(Inv),
        ["Input.MotifIds"] = (motifs.Length == 0 ? world.PmiMotifA : motifs[0]).ToString(Inv),
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDictionary<string, string> fields) =>
        await client.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static long IdFrom(HttpResponseMessage response) =>
        long.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), Inv);

    [Test]
    public async Task An_admin_creates_a_recurring_plage_for_an_agent_it_is_listed_shown_and_searchable()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var title = Unique("Permanence bihebdo");
        var first = Monday(3);
        // The reference form's own shapes: weekday names, dd/mm/yyyy dates, no "starts".
        var recurrence = $$"""{"every":"week","interval":"2","on":["monday","thursday"],"until":"{{first.AddDays(60).ToString("dd/MM/yyyy", Inv)}}"}""";

        var response = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, first, recurrence: recurrence));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = IdFrom(response);
        var stored = await ScalarAsync<string>("select recurrence::text from availability.plage_ouvertures where id = @id", ("id", id));
        JsonDocument.Parse(stored).RootElement.GetProperty("day").EnumerateArray().Select(d => d.GetInt32()).Should().Equal(1, 4);
        (await ScalarAsync<DateTime>("select recurrence_ends_at from availability.plage_ouvertures where id = @id", ("id", id)))
            .Should().Be(first.AddDays(60).ToDateTime(new TimeOnly(23, 59, 59)));

        var show = await client.GetTextAsync(ShowUrl(id));
        show.Should().Contain(title).And.Contain("Toutes les 2 semaines, le lundi et le jeudi").And.Contain("Consultation PMI").And.Contain("La plage d'ouverture a été créée.");

        var list = await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures");
        list.Should().Contain(title).And.Contain("Permanence PMI");
        var searched = await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures?search={Uri.EscapeDataString(title[^8..])}");
        searched.Should().Contain(title).And.NotContain("Permanence PMI");
        var expired = await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures?expired=true");
        expired.Should().NotContain(title);
    }

    [Test]
    public async Task A_past_one_off_plage_is_in_the_expired_tab()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var title = Unique("Ancienne plage");

        var response = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, Today.AddDays(-10)));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync<bool>("select expired_cached from availability.plage_ouvertures where id = @id", ("id", IdFrom(response)))).Should().BeTrue();
        (await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures?expired=true")).Should().Contain(title);
        (await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures")).Should().NotContain(title);
    }

    [Test]
    public async Task Saving_shows_the_overlap_and_motif_length_warnings_but_saves()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var title = Unique("Chevauchement");
        // The world's plage runs Monday to Friday 9:00–12:00 from tomorrow; the PMI motif lasts 30 minutes.
        var response = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, Monday(2), "10:00", "10:20"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var show = await client.GetTextAsync(response.Headers.Location!.OriginalString);
        show.Should().Contain("chevauche une autre plage d'ouverture").And.Contain("« Permanence PMI »");
        show.Should().Contain("Le motif « Consultation PMI » dure plus longtemps que la plage");
        (await CountAsync(title)).Should().Be(1);
    }

    [Test]
    public async Task Edit_duplicate_and_delete()
    {
        using var client = await factory.SignedInAgentAsync(world.SecretaryA.Email);
        var title = Unique("A modifier");
        var id = IdFrom(await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, Monday(5), "15:00", "16:00")));

        var edit = $"{ShowUrl(id)}/edit";
        (await client.GetTextAsync(edit)).Should().Contain(title);
        var renamed = Unique("Modifiee");
        var monthly = $$$"""{"every":"month","interval":1,"starts":"{{{D(Monday(5))}}}","day":{"monday":[{{{((Monday(5).Day - 1) / 7) + 1}}}]}}""";
        var saved = await PostAsync(client, edit, Fields(renamed, Monday(5), "15:00", "16:30", monthly));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync<TimeOnly>("select end_time from availability.plage_ouvertures where id = @id", ("id", id))).Should().Be(new TimeOnly(16, 30));
        (await client.GetTextAsync(ShowUrl(id))).Should().Contain(renamed).And.Contain("Tous les mois, le");

        var duplicate = await client.GetTextAsync($"{NewUrl(world.PmiAgentA.Id)}?duplicate_plage_ouverture_id={id}");
        duplicate.Should().Contain($"value=\"{renamed}\"");

        var deleted = await client.PostFormAsync(ShowUrl(id), [], $"{ShowUrl(id)}?handler=Delete");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountAsync(renamed)).Should().Be(0);
    }

    [Test]
    public async Task The_form_offers_only_the_motifs_the_agent_may_use_grouped_by_service()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        var forPmiAgent = await client.GetTextAsync(NewUrl(world.PmiAgentA.Id));
        forPmiAgent.Should().Contain("Consultation PMI").And.NotContain("Entretien social");
        forPmiAgent.Should().Contain("PMI (Protection Maternelle Infantile)");
        // The admin himself may use every motif of the organisation.
        var forAdmin = await client.GetTextAsync(NewUrl(world.AdminA.Id));
        forAdmin.Should().Contain("Consultation PMI").And.Contain("Entretien social");
        forAdmin.Should().Contain("/js/admin/recurrence.js").And.Contain("/js/admin/plage-ouverture-form.js").And.NotContain("<script>");
    }

    public static IEnumerable<TestCaseData> RefusedInputs()
    {
        var first = Monday(4);
        string Until(DateOnly day) => $$"""{"every":"week","interval":1,"starts":"{{D(first)}}","until":"{{D(day)}}"}""";
        string Interval(int n) => $$"""{"every":"week","interval":{{n}},"starts":"{{D(first)}}"}""";
        yield return Case("end before start", first, "12:00", "09:00", "", "La fin doit être après le début.");
        yield return Case("first day after the recurrence end", first, "14:00", "15:00", Until(first.AddDays(-7)), "La date de fin de la récurrence doit être postérieure au premier jour.");
        yield return Case("end date equal to the first day", first, "14:00", "15:00", Until(first), "La date de fin de la récurrence doit être postérieure au premier jour.");
        yield return Case("interval 0", first, "14:00", "15:00", Interval(0), "L'intervalle de la récurrence doit être compris entre 1 et 5.");
        yield return Case("interval 9", first, "14:00", "15:00", Interval(9), "L'intervalle de la récurrence doit être compris entre 1 et 5.");
        yield return Case("first day before 2018", new DateOnly(2017, 12, 31), "14:00", "15:00", "", "n'est pas réaliste");
        yield return Case("first day after five years", Today.AddYears(5).AddDays(2), "14:00", "15:00", "", "n'est pas réaliste");
        yield return Case("recurrence end after five years", first, "14:00", "15:00", Until(Today.AddYears(5).AddDays(2)), "n'est pas réaliste");
        yield return Case("tampered recurrence JSON", first, "14:00", "15:00", "{\"every\":\"week\",\"interval\":1,\"starts\":\"2026-01-01\"", "La récurrence n'a pas un format valide");
        yield return Case("unknown frequency", first, "14:00", "15:00", """{"every":"day","starts":"2026-01-01"}""", "La récurrence n'a pas un format valide");
        yield return Case("recurrence starting on another day", first, "14:00", "15:00", $$"""{"every":"week","starts":"{{D(first.AddDays(1))}}"}""", "Le début de la récurrence doit être le premier jour.");

        static TestCaseData Case(string name, DateOnly day, string start, string end, string recurrence, string message) =>
            new TestCaseData(day, start, end, recurrence, message).SetName($"Refused plage: {name}");
    }

    [TestCaseSource(nameof(RefusedInputs))]
    public async Task A_refused_plage_shows_a_french_message_and_writes_nothing(DateOnly firstDay, string start, string end, string recurrence, string message)
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var title = Unique("Refusee");

        var response = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, firstDay, start, end, recurrence));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message);
        (await CountAsync(title)).Should().Be(0);
    }

    [Test]
    public async Task A_motif_of_a_service_the_agent_may_not_use_is_refused_with_a_french_message()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var title = Unique("Mauvais service");

        var response = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, Monday(4), motifs: world.SocialMotifA));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain("Un des motifs choisis n'est pas proposé à cet agent");
        (await CountAsync(title)).Should().Be(0);
    }

    [Test]
    public async Task A_missing_motif_or_lieu_is_refused_with_a_french_message()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var title = Unique("Incomplete");
        var noMotif = Fields(title, Monday(4));
        noMotif.Remove("Input.MotifIds");
        var noLieu = Fields(title, Monday(4));
        noLieu["Input.LieuId"] = "";

        var first = await PostAsync(client, NewUrl(world.PmiAgentA.Id), noMotif);
        var second = await PostAsync(client, NewUrl(world.PmiAgentA.Id), noLieu);

        (await first.ReadTextAsync()).Should().Contain("Choisissez au moins un motif.");
        (await second.ReadTextAsync()).Should().Contain("Choisissez un lieu : un des motifs choisis se déroule sur place.");
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CountAsync(title)).Should().Be(0);
    }

    [Test]
    public async Task A_motif_or_lieu_of_another_organisation_is_refused_and_writes_nothing()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var title = Unique("Autre organisation");

        var foreignMotif = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, Monday(4), motifs: world.MotifB));
        var foreignLieu = await PostAsync(client, NewUrl(world.PmiAgentA.Id), Fields(title, Monday(4), lieu: world.LieuB));
        var edit = await PostAsync(client, $"{ShowUrl(world.PlagePmiAgentA)}/edit", Fields(title, Monday(4), lieu: world.LieuB));

        foreach (var response in new[] { foreignMotif, foreignLieu, edit })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await response.ReadTextAsync()).Should().Contain("Vous n'avez pas les droits nécessaires");
        }
        (await CountAsync(title)).Should().Be(0);
    }

    [Test]
    public async Task A_basic_agent_may_not_manage_the_plages_of_an_agent_of_another_service()
    {
        using var client = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        var title = Unique("Intrusion");

        (await client.GetAsync(NewUrl(world.PmiAgentA.Id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var response = await client.PostFormAsync("/admin/organisations", Fields(title, Monday(4)), NewUrl(world.PmiAgentA.Id));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountAsync(title)).Should().Be(0);
    }

    [Test]
    public async Task The_menu_links_to_the_plages_and_absences_of_the_signed_in_agent()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);

        var page = await client.GetTextAsync($"/admin/organisations/{world.OrganisationA}/agent_agendas/{world.PmiAgentA.Id}");

        page.Should().Contain($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures")
            .And.Contain($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/absences")
            .And.Contain("Plages d'ouverture").And.Contain("Indisponibilités");
    }
}
