using RdvSP.TestKit;
using RdvSP.Web.BrowserTests.Pages;

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

        // The lieu: the address picked among the BAN's suggestions; then the motif.
        var catalog = new CatalogAdminPages(Page, world.OrganisationA);
        await catalog.CreateLieuAsync(lieuName);
        await Expect(Page.Locator(".lieu-row").Filter(new() { HasText = lieuName })).ToContainTextAsync(BrowserEnvironment.ValenceAddress);
        (await ScalarAsync($"select count(*) from organisations.lieux where name = '{lieuName}' and latitude = 44.9334 and longitude = 4.8924")).Should().Be(1);
        await catalog.CreateMotifAsync(motifName, world.PmiServiceId, 40);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Motifs", Exact = true }).ClickAsync();
        var row = Page.Locator(".motif-row").Filter(new() { HasText = motifName });
        await Expect(row).ToContainTextAsync("40 min");
        await Expect(row).ToContainTextAsync("En ligne");
        ShouldHaveNoBrowserErrors();
    }
}
