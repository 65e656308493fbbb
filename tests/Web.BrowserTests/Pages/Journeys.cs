using RdvSP.Domain.Booking;
using RdvSP.Infrastructure.Seed;

namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>An rdv booked through the pages, and the search week where its slot was offered.</summary>
public sealed record BookedRdv(long Id, DateTimeOffset StartsAt, string GridUrl);

/// <summary>Steps several tests share, made through the real pages.</summary>
public static class Journeys
{
    public const string Service = "PMI (Protection Maternelle Infantile)";
    public const string Motif = "Consultation prénatale";

    public static async Task SignInAsync(IPage page, DemoLogin usager)
    {
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(usager.Email, usager.Password);
    }

    /// <summary>Walks the search from the address to the slot grid of the first available lieu.</summary>
    public static async Task<PrendreRdvPage> SearchToSlotsAsync(IPage page, Func<string, Task>? onEachStep = null)
    {
        onEachStep ??= _ => Task.CompletedTask;
        var search = new PrendreRdvPage(page);
        await search.OpenAsync();
        await onEachStep("Recherche : adresse");
        await search.SearchAddressAsync(BrowserEnvironment.ValenceAddress);
        await onEachStep("Recherche : service");
        await search.ChooseServiceAsync(Service);
        await onEachStep("Recherche : motif");
        await search.ChooseMotifAsync(Motif);
        await onEachStep("Recherche : lieu");
        await search.ChooseFirstAvailableLieuAsync();
        await onEachStep("Recherche : créneaux");
        return search;
    }

    /// <summary>
    /// From the signed-in state: books the first slot far enough ahead to be moved (more than 48 h) for
    /// <paramref name="participant"/>, going through the three wizard steps.
    /// </summary>
    public static Task<BookedRdv> BookMovableRdvAsync(IPage page, string participant, Func<string, Task>? onEachStep = null) =>
        BookFirstSlotFromAsync(page, participant, DateTimeOffset.UtcNow + BookingRules.UsagerMoveNotice + TimeSpan.FromDays(1), onEachStep);

    /// <summary>Searches, books the first slot from <paramref name="notBefore"/> for <paramref name="participant"/> and lands on the RDV page.</summary>
    public static async Task<BookedRdv> BookFirstSlotFromAsync(IPage page, string participant, DateTimeOffset notBefore, Func<string, Task>? onEachStep = null)
    {
        onEachStep ??= _ => Task.CompletedTask;
        var search = await SearchToSlotsAsync(page, onEachStep);
        var (slot, startsAt) = await search.FirstSlotFromAsync(notBefore);
        var gridUrl = page.Url;
        await slot.ClickAsync();

        var wizard = new RdvWizardPage(page);
        await wizard.ExpectStepAsync(1);
        await onEachStep("Réservation : vos informations");
        await wizard.ContinueFromInformationsAsync();
        await onEachStep("Réservation : choix de l'usager");
        await wizard.ChooseParticipantAndContinueAsync(participant);
        await onEachStep("Réservation : confirmation");
        var id = await wizard.ConfirmAsync();
        await new RdvPage(page).ExpectShownAsync(id);
        return new BookedRdv(id, startsAt, gridUrl);
    }
}
