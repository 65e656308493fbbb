using RdvSP.Web.BrowserTests.Pages;
using RdvSP.Web.Http;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// Issue 12 in Chromium, on a desktop and on a 390 px phone: moving an rdv goes through a confirmation
/// step; deleting the account frees the slots of its rdvs to come.
/// </summary>
[TestFixture(1280, 800)]
[TestFixture(390, 844)]
public sealed class AccountAndMoveTests(int width, int height) : BrowserTest
{
    private const string TimeZone = "Europe/Paris";

    [SetUp]
    public async Task SizeTheWindow() => await Page.SetViewportSizeAsync(width, height);

    [Test]
    public async Task A_usager_moves_an_rdv_only_after_confirming_the_new_slot()
    {
        var usager = await BrowserEnvironment.NewUsagerAsync("Alix");
        await Journeys.SignInAsync(Page, usager);
        var booked = await Journeys.BookMovableRdvAsync(Page, usager.Description);

        var rdv = new RdvPage(Page);
        var move = await rdv.MoveAsync();
        var (slot, newStartsAt) = await move.FirstSlotAfterAsync(booked.StartsAt);
        await move.ChooseAsync(slot);

        await Expect(move.OldTime).ToHaveTextAsync(FrenchFormat.DateTime(booked.StartsAt, TimeZone));
        await Expect(move.NewTime).ToHaveTextAsync(FrenchFormat.DateTime(newStartsAt, TimeZone));
        // Nothing moved yet: the rdv page still shows the old time.
        var confirmation = Page.Url;
        await rdv.OpenAsync(booked.Id);
        await Expect(rdv.Title).ToHaveTextAsync(FrenchFormat.DateTime(booked.StartsAt, TimeZone));
        await Page.GotoAsync(confirmation);

        await move.ConfirmAsync(booked.Id);

        await rdv.ExpectShownAsync(booked.Id);
        await Expect(rdv.Flash).ToHaveTextAsync("Votre RDV a bien été modifié");
        await Expect(rdv.Title).ToHaveTextAsync(FrenchFormat.DateTime(newStartsAt, TimeZone));
        ShouldHaveNoBrowserErrors();
    }

    [Test]
    public async Task A_usager_deletes_the_account_and_the_slot_of_the_rdv_is_offered_again()
    {
        var usager = await BrowserEnvironment.NewUsagerAsync("Noa");
        await Journeys.SignInAsync(Page, usager);
        var booked = await Journeys.BookMovableRdvAsync(Page, usager.Description);
        var slot = Page.Locator($"#creneaux a.creneau[href*='starts_at={Uri.EscapeDataString(booked.StartsAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))}']");
        await Page.GotoAsync(booked.GridUrl);
        await Expect(slot).ToHaveCountAsync(0);

        await Page.GotoAsync("/users/informations/delete");
        await Expect(Page.Locator("#upcoming-rdvs")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Votre rendez-vous à venir sera annulé"));
        await Expect(Page.Locator("main")).ToContainTextAsync(FrenchFormat.DateTime(booked.StartsAt, TimeZone));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Je confirme la suppression de mon compte" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users/sign_in$"));
        await Expect(Page.Locator("main")).ToContainTextAsync("Votre compte a été supprimé.");
        await Page.GotoAsync(booked.GridUrl);
        await Expect(slot).ToHaveCountAsync(1);
        await Expect(slot).ToBeVisibleAsync();
        ShouldHaveNoBrowserErrors();
    }
}
