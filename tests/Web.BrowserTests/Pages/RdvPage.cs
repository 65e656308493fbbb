using System.Globalization;

namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>/users/rdvs/{id}: the flash message and the rdv card with its "Déplacer" / "Annuler" links.</summary>
public sealed class RdvPage(IPage page)
{
    public ILocator Flash => page.Locator("main .fr-alert--success[role=status]");

    public ILocator Card => page.Locator(".rdv-card");

    public ILocator Title => Card.Locator(".fr-card__title");

    public ILocator Status => Card.Locator(".rdv-status");

    public ILocator MoveLink => Card.Locator("a.rdv-move");

    public ILocator CancelLink => Card.Locator("a.rdv-cancel");

    public async Task OpenAsync(long id) => await page.GotoAsync($"/users/rdvs/{id}");

    public async Task ExpectShownAsync(long id)
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/users/rdvs/{id}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Votre RDV");
    }

    public async Task<CancelRdvPage> CancelAsync()
    {
        await CancelLink.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Annuler le RDV");
        return new CancelRdvPage(page);
    }

    public async Task<MoveRdvPage> MoveAsync()
    {
        await MoveLink.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Déplacer le RDV");
        return new MoveRdvPage(page);
    }

    public static long IdFromUrl(string url) =>
        long.Parse(new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
}
