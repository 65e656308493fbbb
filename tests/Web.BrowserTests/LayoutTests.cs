namespace RdvSP.Web.BrowserTests;

/// <summary>The public layout's DSFR scripts start cleanly (and the header works on a phone).</summary>
public sealed class LayoutTests : BrowserTest
{
    [Test]
    public async Task Dsfr_starts_without_script_errors_and_the_header_links_are_reachable_on_a_phone()
    {
        await Page.SetViewportSizeAsync(375, 740);
        await Page.GotoAsync("/");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        ShouldHaveNoBrowserErrors();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Expect(Page.Locator(".fr-header__menu-links").GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();
    }
}
