using RdvSP.Domain.Booking;
using RdvSP.Web.BrowserTests.Pages;
using RdvSP.Web.Http;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// Issue 4, acceptance 1: the usager's whole journey in Chromium on the seeded demo territory.
/// </summary>
public sealed class BookingJourneyTests : BrowserTest
{
    private const string Service = "PMI (Protection Maternelle Infantile)";
    private const string Motif = "Consultation prénatale";
    private const string TimeZone = "Europe/Paris";

    [Test]
    public async Task Lea_finds_a_slot_from_her_address_books_it_sees_it_in_her_rdvs_and_cancels_it()
    {
        var lea = Usager("lea.martin@");
        var search = new PrendreRdvPage(Page);

        await search.OpenAsync();
        await search.SearchAddressAsync(BrowserEnvironment.ValenceAddress);
        await search.ChooseServiceAsync(Service);
        await search.ChooseMotifAsync(Motif);
        var lieu = await search.ChooseFirstAvailableLieuAsync();
        await Expect(search.Slots.First).ToBeVisibleAsync();
        // The first slot she may still cancel online (more than 4 h ahead): at most hours of the day it
        // is the very first one of the grid.
        var (firstSlot, startsAt) = await search.FirstSlotFromAsync(DateTimeOffset.UtcNow + BookingRules.UsagerCancelNotice + TimeSpan.FromMinutes(30));
        await firstSlot.ClickAsync();

        // Signed out: the wizard sends her to the sign-in page, then back to step 1.
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users/sign_in\\?ReturnUrl="));
        await new SignInPage(Page).SignInAsync(lea.Email, lea.Password);

        var wizard = new RdvWizardPage(Page);
        await wizard.ExpectStepAsync(1);
        await Expect(wizard.Recap).ToContainTextAsync(Motif);
        await Expect(wizard.Recap).ToContainTextAsync(FrenchFormat.DateTime(startsAt, TimeZone));
        await Expect(wizard.Recap).ToContainTextAsync(lieu);
        await wizard.ContinueFromInformationsAsync();
        await wizard.ChooseParticipantAndContinueAsync("Léa Martin");
        var id = await wizard.ConfirmAsync();

        var rdv = new RdvPage(Page);
        await rdv.ExpectShownAsync(id);
        await Expect(rdv.Flash).ToHaveTextAsync("Votre rendez-vous a été confirmé.");
        await Expect(rdv.Title).ToHaveTextAsync(FrenchFormat.DateTime(startsAt, TimeZone));
        await Expect(rdv.Status).ToHaveTextAsync("À venir");

        var list = new RdvsListPage(Page);
        await list.OpenFromHeaderAsync();
        var card = list.Card(id);
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync(Motif);
        await Expect(card).ToContainTextAsync(lieu);
        await Expect(card).ToContainTextAsync("Participant·e·s : Léa Martin");
        await Expect(card.Locator(".rdv-status")).ToHaveTextAsync("À venir");

        await card.Locator("a.rdv-cancel").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Annuler le RDV");
        await new CancelRdvPage(Page).ConfirmAsync(id);

        await rdv.ExpectShownAsync(id);
        await Expect(rdv.Flash).ToHaveTextAsync("Le RDV a bien été annulé.");
        await Expect(rdv.Status).ToHaveTextAsync("Annulé");
        await Expect(rdv.CancelLink).ToHaveCountAsync(0);
        await Expect(rdv.MoveLink).ToHaveCountAsync(0);

        // A cancelled rdv leaves "À venir" for "Passés et annulés", without any action left on its card.
        await list.OpenFromHeaderAsync();
        await Expect(list.Card(id)).ToHaveCountAsync(0);
        await list.OpenPastAsync();
        await Expect(list.Card(id).Locator(".rdv-status")).ToHaveTextAsync("Annulé");
        await Expect(list.Card(id).Locator("a.rdv-cancel, a.rdv-move")).ToHaveCountAsync(0);

        ShouldHaveNoBrowserErrors();
    }

    [Test]
    public async Task Jean_books_a_slot_days_ahead_then_moves_it_to_another_slot()
    {
        var jean = Usager("jean.dupont@");
        var signIn = new SignInPage(Page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(jean.Email, jean.Password);

        var search = new PrendreRdvPage(Page);
        await search.OpenAsync();
        await search.SearchAddressAsync(BrowserEnvironment.ValenceAddress);
        await search.ChooseServiceAsync(Service);
        await search.ChooseMotifAsync(Motif);
        await search.ChooseFirstAvailableLieuAsync();
        // "Déplacer" is offered only more than 48 h ahead: book at least three days ahead.
        var (slot, startsAt) = await search.FirstSlotFromAsync(DateTimeOffset.UtcNow + BookingRules.UsagerMoveNotice + TimeSpan.FromDays(1));
        await slot.ClickAsync();

        var wizard = new RdvWizardPage(Page);
        await Expect(wizard.Recap).ToContainTextAsync(FrenchFormat.DateTime(startsAt, TimeZone));
        await wizard.ContinueFromInformationsAsync();
        await wizard.ChooseParticipantAndContinueAsync("Jean Dupont");
        var id = await wizard.ConfirmAsync();

        var rdv = new RdvPage(Page);
        await rdv.ExpectShownAsync(id);
        await Expect(rdv.Flash).ToHaveTextAsync("Votre rendez-vous a été confirmé.");
        await Expect(rdv.Title).ToHaveTextAsync(FrenchFormat.DateTime(startsAt, TimeZone));

        var move = await rdv.MoveAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync($"du {FrenchFormat.DateTime(startsAt, TimeZone)}");
        var (newSlot, newStartsAt) = await move.FirstSlotAfterAsync(startsAt);
        await move.ChooseAsync(newSlot);
        await Expect(move.OldTime).ToHaveTextAsync(FrenchFormat.DateTime(startsAt, TimeZone));
        await Expect(move.NewTime).ToHaveTextAsync(FrenchFormat.DateTime(newStartsAt, TimeZone));
        await move.ConfirmAsync(id);

        await rdv.ExpectShownAsync(id);
        await Expect(rdv.Flash).ToHaveTextAsync("Votre RDV a bien été modifié");
        await Expect(rdv.Title).ToHaveTextAsync(FrenchFormat.DateTime(newStartsAt, TimeZone));
        await Expect(rdv.Status).ToHaveTextAsync("À venir");

        var list = new RdvsListPage(Page);
        await list.OpenFromHeaderAsync();
        await Expect(list.Card(id).Locator(".fr-card__title")).ToHaveTextAsync(FrenchFormat.DateTime(newStartsAt, TimeZone));

        ShouldHaveNoBrowserErrors();
    }
}
