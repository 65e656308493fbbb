using System.Globalization;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// Issue 9, acceptance 1 (the catalogue's part), in Chromium: an admin creates a lieu whose address he
/// picks among the BAN's suggestions (the stub), then a motif, and finds both in their lists.
/// </summary>
public sealed class CatalogTests : BrowserTest
{
    private BackOfficeWorld world = null!;

    [SetUp]
    public async Task CreateWorldAsync() => world = await BrowserEnvironment.NewBackOfficeWorldAsync();

    [Test]
    public async Task An_admin_creates_a_lieu_through_the_ban_autocomplete_and_a_motif_then_sees_them_listed()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var lieuName = $"Maison des familles {suffix}";
        var motifName = $"Bilan de santé {suffix}";
        await Page.GotoAsync("/agents/sign_in");
        await Page.GetByLabel("Adresse e-mail").FillAsync(world.AdminA.Email);
        await Page.GetByLabel("Mot de passe").FillAsync(BackOfficeWorld.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/admin/organisations", StringComparison.Ordinal));

        // The lieu: the menu's « Lieux », then the address picked among the suggestions.
        await Page.GotoAsync($"/admin/organisations/{world.OrganisationA}/lieux");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Créer un lieu" }).ClickAsync();
        await Page.GetByLabel("Nom du lieu").FillAsync(lieuName);
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Adresse", Exact = true }).PressSequentiallyAsync("12 Rue de la Rép");
        var suggestion = Page.GetByRole(AriaRole.Button, new() { Name = BrowserEnvironment.ValenceAddress });
        await suggestion.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Textbox, new() { Name = "Adresse", Exact = true })).ToHaveValueAsync(BrowserEnvironment.ValenceAddress);
        await Expect(Page.Locator("#address-status")).ToHaveTextAsync("Adresse localisée.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Créer le lieu" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith("/lieux", StringComparison.Ordinal));
        await Expect(Page.Locator(".lieu-row").Filter(new() { HasText = lieuName })).ToContainTextAsync(BrowserEnvironment.ValenceAddress);
        (await ScalarAsync($"select count(*) from organisations.lieux where name = '{lieuName}' and latitude = 44.9334 and longitude = 4.8924")).Should().Be(1);

        // The motif: general tab, then a choice on the « Réservation en ligne » tab.
        await Page.GotoAsync($"/admin/organisations/{world.OrganisationA}/motifs");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Créer un motif" }).ClickAsync();
        await Page.GetByLabel("Nom du motif").FillAsync(motifName);
        await Page.GetByLabel("Service").SelectOptionAsync(world.PmiServiceId.ToString(CultureInfo.InvariantCulture));
        await Page.GetByLabel("Durée par défaut (minutes)").FillAsync("40");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Réservation en ligne" }).ClickAsync();
        await Page.GetByLabel("Tout le monde (réservation en ligne)").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Créer le motif" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/motifs/", StringComparison.Ordinal));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = motifName })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Motifs", Exact = true }).ClickAsync();
        var row = Page.Locator(".motif-row").Filter(new() { HasText = motifName });
        await Expect(row).ToContainTextAsync("40 min");
        await Expect(row).ToContainTextAsync("En ligne");
        ShouldHaveNoBrowserErrors();
    }

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
