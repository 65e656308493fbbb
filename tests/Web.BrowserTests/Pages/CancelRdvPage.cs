namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>/users/rdvs/{id}/annuler: "Oui, annuler".</summary>
public sealed class CancelRdvPage(IPage page)
{
    public async Task ConfirmAsync(long id)
    {
        await page.Locator("#confirm-cancel").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/users/rdvs/{id}$"));
    }
}
