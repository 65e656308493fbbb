namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>/users/rdvs ("Vos rendez-vous"): one <c>.rdv-card</c> per rdv.</summary>
public sealed class RdvsListPage(IPage page)
{
    public ILocator Cards => page.Locator(".rdv-card");

    public ILocator Card(long id) => page.Locator($".rdv-card[data-rdv-id='{id}']");

    /// <summary>Follows the header link "Vos rendez-vous".</summary>
    public async Task OpenFromHeaderAsync()
    {
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Vos rendez-vous", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Vos rendez-vous");
    }

    /// <summary>The "Passés et annulés" tab.</summary>
    public async Task OpenPastAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Passés et annulés", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/users/rdvs\?past=1$"));
    }
}
