namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>/users/sign_in (also where the wizard sends signed-out usagers, with a ReturnUrl).</summary>
public sealed class SignInPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/users/sign_in");

    public async Task ExpectShownAsync() =>
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter", Level = 1 })).ToBeVisibleAsync();

    public async Task SignInAsync(string email, string password)
    {
        await FillAndSubmitAsync(email, password);
        // On a phone the header links sit in the closed menu: present, not visible.
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users/sign_in"));
        await Expect(page.Locator("header a[href='/users/rdvs']").First).ToBeAttachedAsync();
    }

    public async Task FillAndSubmitAsync(string email, string password)
    {
        await ExpectShownAsync();
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]", new() { HasTextString = "Se connecter" }).ClickAsync();
    }
}
