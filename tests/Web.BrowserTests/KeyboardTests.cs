using RdvSP.Web.BrowserTests.Pages;

namespace RdvSP.Web.BrowserTests;

/// <summary>The journey with the keyboard only (cited by the accessibility statement): skip link, errors, slots, move.</summary>
public sealed class KeyboardTests : BrowserTest
{
    private const string ActiveElement = "() => { const e = document.activeElement; return `${e.id}|${e.className}|${e.textContent.trim()}`; }";

    /// <summary>Presses Tab until the focused element matches, at most <paramref name="limit"/> times.</summary>
    private async Task TabUntilAsync(Func<string, bool> focused, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (focused(await Page.EvaluateAsync<string>(ActiveElement))) return;
        }
        throw new AssertionException($"Focus never reached the element after {limit} Tab presses; it is on {await Page.EvaluateAsync<string>(ActiveElement)}.");
    }

    [Test]
    public async Task The_first_tab_reaches_the_skip_link_to_the_content()
    {
        await Page.GotoAsync("/");
        await Page.Keyboard.PressAsync("Tab");
        (await Page.EvaluateAsync<string>(ActiveElement)).Should().EndWith("|Contenu");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#contenu$"));
    }

    [Test]
    public async Task A_refused_sign_in_puts_the_focus_on_the_error_summary()
    {
        await Page.GotoAsync("/users/sign_in");
        await TabUntilAsync(a => a.StartsWith("Input_Email|", StringComparison.Ordinal));
        await Page.Keyboard.TypeAsync("personne@example.fr");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("pas-le-bon-mot-de-passe");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#form-errors")).ToBeFocusedAsync();
        await Expect(Page.Locator("#form-errors")).ToContainTextAsync("Le formulaire contient une erreur");
        ShouldHaveNoBrowserErrors();
    }

    [Test]
    public async Task A_usager_books_then_moves_an_rdv_with_the_keyboard()
    {
        var usager = await BrowserEnvironment.NewUsagerAsync("Cleo");
        await Journeys.SignInAsync(Page, usager);
        var booked = await Journeys.BookMovableRdvAsync(Page, usager.Description);

        await Page.GotoAsync($"/users/rdvs/{booked.Id}");
        await TabUntilAsync(a => a.Contains("rdv-move", StringComparison.Ordinal));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Déplacer le RDV");
        await TabUntilAsync(a => a.Contains("creneau", StringComparison.Ordinal), limit: 120);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Confirmer le nouveau créneau");
        await TabUntilAsync(a => a.StartsWith("confirm-move|", StringComparison.Ordinal));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/users/rdvs/{booked.Id}$"));
        await Expect(new RdvPage(Page).Flash).ToHaveTextAsync("Votre RDV a bien été modifié");
        ShouldHaveNoBrowserErrors();
    }
}
