using Deque.AxeCore.Playwright;
using RdvSP.Web.BrowserTests.Pages;
using RdvSP.Domain.Booking;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// Issue 12 acceptance: every public and usager page, walked through the real journey with the CSP on,
/// passes axe-core (all its rules) on a desktop and on a phone, has its own title and no clipped button;
/// at 320 px nothing scrolls sideways. The accessibility statement (/accessibilite) cites these tests.
/// </summary>
public sealed class AxeTests : BrowserTest
{
    // DSFR icon-only buttons (the phone "Menu") hide their text on purpose and carry a title instead.
    private const string ClippedButtons =
        """
        () => [...document.querySelectorAll('.fr-btn, .fr-link')]
            .filter(e => !e.hasAttribute('title'))
            .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.textContent.trim()} (${e.clientWidth}px for ${e.scrollWidth}px)`)
        """;

    private const string HorizontalOverflow =
        """
        () => document.documentElement.scrollWidth > window.innerWidth
            ? [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.outerHTML.slice(0, 120))
            : []
        """;

    [TestCase(1280, 800, TestName = "Every public and usager page passes axe, has its own title and no clipped button on a desktop")]
    [TestCase(390, 844, TestName = "Every public and usager page passes axe, has its own title and no clipped button on a phone")]
    public async Task Every_page_passes_axe(int width, int height)
    {
        await Page.SetViewportSizeAsync(width, height);
        var failures = new List<string>();
        var titles = new Dictionary<string, string>();

        await WalkEveryPageAsync(async name =>
        {
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var csp = await Page.EvaluateAsync<string>("async () => (await fetch(location.href, { method: 'HEAD' })).headers.get('content-security-policy') ?? ''");
            csp.Should().Contain("script-src", $"{name} is checked with the CSP on");
            var result = await Page.RunAxe();
            result.Passes.Should().NotBeEmpty($"axe ran its rules on {name}");
            foreach (var violation in result.Violations)
                failures.Add($"{name} ({Page.Url}): axe {violation.Id} ({violation.Help}) on {string.Join(" | ", violation.Nodes.Select(n => n.Html))}");
            foreach (var clipped in await Page.EvaluateAsync<string[]>(ClippedButtons))
                failures.Add($"{name}: clipped text {clipped}");
            var title = await Page.TitleAsync();
            if (titles.TryGetValue(title, out var other) && other != name) failures.Add($"{name} has the same title as {other}: « {title} »");
            titles.TryAdd(title, name);
        });

        // Browser errors are not asserted here: the refused submits walked on purpose answer 400.
        failures.Should().BeEmpty();
    }

    [Test]
    public async Task No_page_scrolls_sideways_at_320_px()
    {
        await Page.SetViewportSizeAsync(320, 640);
        var failures = new List<string>();

        await WalkEveryPageAsync(async name =>
        {
            foreach (var element in await Page.EvaluateAsync<string[]>(HorizontalOverflow))
                failures.Add($"{name} ({Page.Url}) overflows: {element}");
        });

        failures.Should().BeEmpty();
    }

    /// <summary>
    /// Visits each page once, as a visitor then as a new usager who books, lists, moves and cancels,
    /// and calls <paramref name="check"/> on each (failed submits included: the error states are pages too).
    /// </summary>
    private async Task WalkEveryPageAsync(Func<string, Task> check)
    {
        foreach (var (path, name) in new[]
        {
            ("/", "Accueil"), ("/users/sign_in", "Connexion"), ("/users/sign_up", "Inscription"), ("/users/password/new", "Mot de passe oublié"),
            ("/accessibilite", "Accessibilité"), ("/mentions_legales", "Mentions légales"), ("/cgu", "CGU"),
        })
        {
            (await Page.GotoAsync(path))!.Status.Should().Be(200, path);
            await check(name);
        }

        await Page.GotoAsync("/users/sign_up");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Je m'inscris" }).ClickAsync();
        await Expect(Page.Locator("#form-errors")).ToBeVisibleAsync();
        await check("Inscription");

        await Page.GotoAsync("/users/sign_in");
        await new SignInPage(Page).FillAndSubmitAsync("personne@example.fr", "pas-le-bon-mot-de-passe");
        await Expect(Page.Locator("#form-errors")).ToBeVisibleAsync();
        await check("Connexion");

        var usager = await BrowserEnvironment.NewUsagerAsync("Axel");
        await Journeys.SignInAsync(Page, usager);
        var booked = await Journeys.BookMovableRdvAsync(Page, usager.Description, check);
        await check("Votre RDV");
        var pages = new (string Path, string Name)[]
        {
            ("/users/rdvs", "Vos rendez-vous à venir"), ("/users/rdvs?past=1", "Vos rendez-vous passés"),
            ($"/users/rdvs/{booked.Id}/annuler", "Annuler le RDV"), ($"/users/rdvs/{booked.Id}/creneaux", "Déplacer le RDV"),
            ("/users/informations", "Vos informations"), ("/users/relatives", "Mes proches"), ("/users/relatives/new", "Ajouter un proche"),
            ("/users/informations/delete", "Supprimer mon compte"), ("/users/sign_out", "Se déconnecter"),
        };
        foreach (var (path, name) in pages)
        {
            (await Page.GotoAsync(path))!.Status.Should().Be(200, path);
            await check(name);
        }

        // An RDV more than a week ahead offers the waiting list (REFERENCE-DOMAIN §5.9): its page with the checkbox.
        await Journeys.BookFirstSlotFromAsync(Page, usager.Description, DateTimeOffset.UtcNow + BookingRules.WaitingListNotice + TimeSpan.FromDays(1));
        await Expect(Page.Locator("#file_attente")).ToBeVisibleAsync();
        await check("Votre RDV");

        await Page.GotoAsync($"/users/rdvs/{booked.Id}/creneaux");
        var move = new MoveRdvPage(Page);
        var (slot, _) = await move.FirstSlotAfterAsync(booked.StartsAt);
        await move.ChooseAsync(slot);
        await check("Confirmer le nouveau créneau");

        // The same move from the waiting list's link (a participation link session): letters, slots, confirmation.
        var token = await TextAsync($"select token from booking.participations where rdv_id = {booked.Id} limit 1");
        await Page.GotoAsync($"/r/{booked.Id}/{token}/creneaux");
        await check("Accéder à votre RDV");
        await Page.Locator("#lettres").FillAsync("ess");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Accéder au RDV" }).ClickAsync();
        await Expect(Page.Locator("#creneaux")).ToBeVisibleAsync();
        await check("Déplacer le RDV (lien)");
        var linkMove = new MoveRdvPage(Page);
        var (linkSlot, _) = await linkMove.FirstSlotAfterAsync(booked.StartsAt);
        await linkMove.ChooseAsync(linkSlot);
        await check("Confirmer le nouveau créneau (lien)");

        await Page.GotoAsync("/users/relatives/new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(Page.Locator("#form-errors")).ToBeVisibleAsync();
        await check("Ajouter un proche");
    }
}
