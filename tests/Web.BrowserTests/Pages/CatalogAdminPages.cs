using System.Globalization;

namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>The admin's catalogue pages: a lieu created through the BAN autocomplete (the stub), a motif.</summary>
public sealed class CatalogAdminPages(IPage page, long organisationId)
{
    /// <summary>« Lieux » → « Créer un lieu », the address picked among the suggestions; back on the list.</summary>
    public async Task CreateLieuAsync(string name)
    {
        await page.GotoAsync($"/admin/organisations/{organisationId}/lieux");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un lieu" }).ClickAsync();
        await page.GetByLabel("Nom du lieu").FillAsync(name);
        var address = page.GetByRole(AriaRole.Textbox, new() { Name = "Adresse", Exact = true });
        await address.PressSequentiallyAsync("12 Rue de la Rép");
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserEnvironment.ValenceAddress }).ClickAsync();
        await Expect(address).ToHaveValueAsync(BrowserEnvironment.ValenceAddress);
        await Expect(page.Locator("#address-status")).ToHaveTextAsync("Adresse localisée.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le lieu" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/lieux", StringComparison.Ordinal));
    }

    /// <summary>« Motifs » → « Créer un motif »: general tab, then bookable online by everyone; on the motif's page.</summary>
    public async Task CreateMotifAsync(string name, long serviceId, int minutes)
    {
        await page.GotoAsync($"/admin/organisations/{organisationId}/motifs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un motif" }).ClickAsync();
        await page.GetByLabel("Nom du motif").FillAsync(name);
        await page.GetByLabel("Service").SelectOptionAsync(serviceId.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Durée par défaut (minutes)").FillAsync(minutes.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Réservation en ligne" }).ClickAsync();
        await page.GetByLabel("Tout le monde (réservation en ligne)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le motif" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/motifs/", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
    }
}
