using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.TestKit;
using RdvSP.Web.BrowserTests.Pages;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// Issue 9, acceptance 1, in Chromium: an admin creates a lieu (address through the BAN stub) and a
/// motif, then, for a PMI agent, a plage every 2 weeks on Monday and Thursday until a date through the
/// recurrence widget; the agent's agenda feed and the public slot search show exactly the matching
/// occurrences and slots; an absence on one of those days removes its slots; the plage's history
/// shows its creation and its change with the author.
/// </summary>
public sealed class PlagesJourneyTests : BrowserTest
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeOnly[] SlotTimes = [new(14, 0), new(15, 0)];

    private BackOfficeWorld world = null!;
    private TestAgent agent = null!;
    private long motif;
    private string motifName = "";
    private long lieu;
    private string lieuName = "";
    private DateOnly first;
    private DateOnly until;

    [SetUp]
    public async Task CreateWorldAsync()
    {
        world = await BrowserEnvironment.NewBackOfficeWorldAsync();
        agent = await world.AddAgentAsync("Pia", "Bihebdo", world.PmiServiceId, AccessLevels.Basic);
        // The admin creates, in the test, a lieu and a motif only this plage serves (60 minutes: 2 slots in 14:00–16:00).
        var suffix = Guid.NewGuid().ToString("N")[..8];
        motifName = "Bilan bihebdo " + suffix;
        lieuName = "Maison des familles " + suffix;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        // The Monday at least a week ahead; the last occurrence is the Thursday of the fifth week.
        first = today.AddDays(7 + ((8 - (int)today.DayOfWeek) % 7));
        until = first.AddDays(31);
    }

    /// <summary>Weeks 0, 2 and 4 (every other week), Monday and Thursday, until the last Thursday.</summary>
    private IReadOnlyList<DateOnly> ExpectedDays() =>
        [first, first.AddDays(3), first.AddDays(14), first.AddDays(17), first.AddDays(28), first.AddDays(31)];

    [Test]
    public async Task An_admin_creates_a_fortnightly_plage_the_agenda_and_the_public_search_show_it_and_an_absence_removes_a_day()
    {
        await SignInAsync(world.AdminA.Email);

        // A lieu (address through the BAN stub) and a motif of 60 minutes bookable online.
        var catalog = new CatalogAdminPages(Page, world.OrganisationA);
        await catalog.CreateLieuAsync(lieuName);
        lieu = await ScalarAsync($"select id from organisations.lieux where name = '{lieuName}'");
        await catalog.CreateMotifAsync(motifName, world.PmiServiceId, 60);
        motif = await ScalarAsync($"select id from organisations.motifs where name = '{motifName}'");

        await Page.GotoAsync($"/admin/organisations/{world.OrganisationA}/agents/{agent.Id}/plage_ouvertures/new");
        await Page.GetByLabel("Titre").FillAsync("Bilans du lundi et du jeudi");
        await Page.Locator($"#motif-{motif}").CheckAsync();
        await Page.GetByLabel("Lieu").SelectOptionAsync(lieu.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Premier jour").FillAsync(Day(first));
        await Page.GetByLabel("Heure de début").FillAsync("14:00");
        await Page.GetByLabel("Heure de fin").FillAsync("16:00");
        await Page.GetByLabel("Répéter…").CheckAsync();
        await Page.GetByLabel("Répéter tou(te)s les").SelectOptionAsync("2");
        await Page.GetByLabel("Lundi").CheckAsync();
        await Page.GetByLabel("Jeudi").CheckAsync();
        await Page.GetByLabel("Finir la répétition le (facultatif)").FillAsync(Day(until));
        (await Page.Locator("#Input_Recurrence").InputValueAsync()).Should().Be(
            $$"""{"every":"week","interval":2,"starts":"{{Day(first)}}","on":["monday","thursday"],"day":[1,4],"until":"{{Day(until)}}"}""");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Créer la plage d'ouverture" }).ClickAsync();

        await Expect(Page.GetByText("La plage d'ouverture a été créée.")).ToBeVisibleAsync();
        var plagePage = Page.Url;
        await Expect(Page.GetByText($"Toutes les 2 semaines, le lundi et le jeudi, jusqu'au {until.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}")).ToBeVisibleAsync();
        ShouldHaveNoBrowserErrors();

        (await PlageDaysInAgendaFeedAsync()).Should().Equal(ExpectedDays());
        var holidays = PublicHolidays.For(first.Year, HolidayCalendar.Metropolitan).Concat(PublicHolidays.For(until.Year, HolidayCalendar.Metropolitan)).ToHashSet();
        var expectedSlots = ExpectedDays().Where(d => !holidays.Contains(d)).SelectMany(d => SlotTimes.Select(t => Utc(d, t))).ToList();
        var searchUrl = await PublicSearchUrlAsync();
        (await PublicSlotsAsync(searchUrl)).Should().Equal(expectedSlots);

        // An absence on the third occurrence's day (Monday of week 2) takes its slots away at once.
        var absenceDay = first.AddDays(14);
        await Page.GotoAsync($"/admin/organisations/{world.OrganisationA}/agents/{agent.Id}/absences/new");
        await Page.GetByLabel("Titre").FillAsync("Formation");
        await Page.GetByLabel("Premier jour").FillAsync(Day(absenceDay));
        await Page.GetByLabel("Heure de début").FillAsync("13:00");
        await Page.GetByLabel("Heure de fin").FillAsync("17:00");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Créer l'indisponibilité" }).ClickAsync();
        await Expect(Page.GetByText("L'indisponibilité a été créée.")).ToBeVisibleAsync();

        (await PublicSlotsAsync(searchUrl)).Should().Equal(expectedSlots.Where(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s, Paris).DateTime) != absenceDay));
        var feed = await AgendaFeedAsync();
        feed.Should().Contain(e => e.Kind == "absence" && e.Start == $"{Day(absenceDay)}T13:00:00");

        // The plage's history: its creation and a later change, each with its author and what changed.
        await Page.GotoAsync(plagePage.Split('?')[0] + "/edit");
        await Page.GetByLabel("Titre").FillAsync("Bilans de santé");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Page.GotoAsync(plagePage.Split('?')[0]);
        var rows = Page.Locator("#history-entries tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("Modification");
        await Expect(rows.Nth(0)).ToContainTextAsync(world.AdminA.FullName);
        await Expect(rows.Nth(0)).ToContainTextAsync("Bilans du lundi et du jeudi → Bilans de santé");
        await Expect(rows.Nth(1)).ToContainTextAsync("Création");
        await Expect(rows.Nth(1)).ToContainTextAsync(world.AdminA.FullName);
        ShouldHaveNoBrowserErrors();
    }

    private async Task SignInAsync(string email)
    {
        await Page.GotoAsync("/agents/sign_in");
        await Page.GetByLabel("Adresse e-mail").FillAsync(email);
        await Page.GetByLabel("Mot de passe").FillAsync(BackOfficeWorld.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/admin/organisations", StringComparison.Ordinal));
    }

    private sealed record FeedEvent(string Kind, string Start);

    /// <summary>The agenda's background feed around the plage (six weeks at most), as the agenda page loads it.</summary>
    private async Task<IReadOnlyList<FeedEvent>> AgendaFeedAsync()
    {
        var url = $"{BaseUrl}/admin/organisations/{world.OrganisationA}/agent_agendas/{agent.Id}?handler=Background&start={Day(first.AddDays(-3))}&end={Day(first.AddDays(39))}";
        var response = await Page.APIRequest.GetAsync(url);
        response.Status.Should().Be(200);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.EnumerateArray()
            .Select(e => new FeedEvent(e.GetProperty("extendedProps").GetProperty("kind").GetString()!, e.GetProperty("start").GetString()!))
            .ToList();
    }

    private async Task<IReadOnlyList<DateOnly>> PlageDaysInAgendaFeedAsync()
    {
        var plages = (await AgendaFeedAsync()).Where(e => e.Kind == "plage").ToList();
        plages.Should().OnlyContain(e => e.Start.EndsWith("T14:00:00", StringComparison.Ordinal));
        return plages.Select(e => DateOnly.ParseExact(e.Start[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).OrderBy(d => d).ToList();
    }

    /// <summary>The public search, from an address in Valence to the motif: its slot grid address for the world's lieu.</summary>
    private async Task<string> PublicSearchUrlAsync()
    {
        var search = new PrendreRdvPage(Page);
        await search.OpenAsync();
        await search.SearchAddressAsync(BrowserEnvironment.ValenceAddress);
        await search.ChooseServiceAsync(Journeys.Service);
        await Page.Locator(".fr-card__title a", new() { HasTextString = motifName }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("motif_name_with_location_type", StringComparison.Ordinal));
        return QueryHelpers.AddQueryString(Page.Url, "lieu_id", lieu.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Every slot the public grid offers over the six weeks of the plage, in order.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>> PublicSlotsAsync(string searchUrl)
    {
        var search = new PrendreRdvPage(Page);
        var slots = new List<DateTimeOffset>();
        for (var week = 0; week < 6; week++)
        {
            await Page.GotoAsync(QueryHelpers.AddQueryString(searchUrl, "date", Day(first.AddDays(7 * week))));
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sélectionnez un créneau" })).ToBeVisibleAsync();
            var count = await search.Slots.CountAsync();
            for (var i = 0; i < count; i++) slots.Add(await PrendreRdvPage.StartsAtAsync(search.Slots.Nth(i)));
        }
        return slots.Distinct().OrderBy(s => s).ToList();
    }

    private static DateTimeOffset Utc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Paris), TimeSpan.Zero);
    }

    private static string Day(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
