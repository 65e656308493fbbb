using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// Issue 9, acceptance 1 (collective part), in Chromium: an admin creates a collective RDV of capacity 3
/// in the back-office; four usagers, each signed in over HTTP to the same server, confirm « S'inscrire »
/// at the same moment; three get in, the fourth reads the French « complet » message, and the admin's
/// list shows 0 places restantes.
/// </summary>
public sealed class CollectiveRdvTests : BrowserTest
{
    private BackOfficeWorld world = null!;
    private long motifId;

    [SetUp]
    public async Task CreateWorldAsync()
    {
        world = await BrowserEnvironment.NewBackOfficeWorldAsync();
        await using var scope = BrowserEnvironment.AppServices.CreateAsyncScope();
        motifId = await scope.ServiceProvider.GetRequiredService<IOrganisationRepository>().AddMotifAsync(
            new NewMotif(world.OrganisationA, world.PmiServiceId, "Atelier éveil", "#9467bd", 90, LocationTypes.PublicOffice, BookableBy.Everyone, Collectif: true), default);
    }

    [Test]
    public async Task An_admin_creates_a_collective_rdv_of_three_seats_and_four_usagers_joining_at_once_leave_it_full()
    {
        var name = "Atelier " + world.UsagerALastName[^8..];
        var day = DateTime.UtcNow.Date.AddDays(8);
        await SignInAsync(world.AdminA.Email);

        await Page.GotoAsync($"/admin/organisations/{world.OrganisationA}/rdvs_collectifs");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nouveau RDV collectif" }).ClickAsync();
        await Page.GetByLabel("Motif", new() { Exact = true }).SelectOptionAsync(motifId.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Date et heure de début").FillAsync(day.ToString("yyyy-MM-dd'T'14:00", CultureInfo.InvariantCulture));
        await Page.GetByLabel("Durée (minutes)").FillAsync("90");
        await Page.GetByLabel("Nombre maximum de participants").FillAsync("3");
        await Page.GetByLabel("Nom (affiché dans les SMS)").FillAsync(name);
        await Page.Locator("#Input_LieuId").SelectOptionAsync(world.LieuA.ToString(CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Créer le RDV collectif" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/rdvs_collectifs?", StringComparison.Ordinal));
        var card = Page.Locator(".card").Filter(new() { HasText = name });
        await Expect(card.Locator(".remaining-seats")).ToHaveTextAsync("3 places restantes");
        var rdvId = await ScalarAsync($"select id from booking.rdvs where name = '{name}'");

        // Four usagers open the « S'inscrire » confirmation, then all confirm at once.
        var joins = new List<(HttpClient Client, CookieJar Jar, string Url, string Token)>();
        for (var i = 0; i < 4; i++)
        {
            var login = await BrowserEnvironment.NewUsagerAsync($"Participant{i}");
            var usagerId = await ScalarAsync($"select id from usagers.users where email = '{login.Email}'");
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };
            var jar = new CookieJar();
            var signIn = await jar.PostFormAsync(client, "/users/sign_in", [new("Input.Email", login.Email), new("Input.Password", login.Password)]);
            ((int)signIn.StatusCode).Should().BeInRange(300, 399);
            var url = $"/users/rdv_wizard_step?step=3&motif_id={motifId}&rdv_collectif_id={rdvId}&participant_ids={usagerId}";
            var form = await jar.GetAsync(client, url);
            form.StatusCode.Should().Be(HttpStatusCode.OK);
            joins.Add((client, jar, url, HtmlForms.AntiforgeryToken(await form.Content.ReadAsStringAsync())));
        }
        using var start = new ManualResetEventSlim(false);
        var posts = joins.Select(join => Task.Run(async () =>
        {
            start.Wait();
            using var request = new HttpRequestMessage(HttpMethod.Post, join.Url)
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", join.Token)]),
            };
            var response = await join.Jar.SendAsync(join.Client, request);
            return (response.StatusCode, Body: await response.ReadTextAsync());
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(posts);
        foreach (var join in joins) join.Client.Dispose();

        outcomes.Count(o => o.StatusCode == HttpStatusCode.Redirect).Should().Be(3, string.Join(" | ", outcomes.Select(o => o.StatusCode)));
        outcomes.Should().ContainSingle(o => o.StatusCode != HttpStatusCode.Redirect)
            .Which.Body.Should().Contain("Cet atelier est complet.");
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdvId} and status = 'unknown'")).Should().Be(3);

        await Page.ReloadAsync();
        await Expect(card.Locator(".remaining-seats")).ToHaveTextAsync("0 place restante");
        await Expect(card).ToContainTextAsync("3 participants");
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
}
