namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>/users/rdv_wizard_step: 1. Vos informations, 2. Choix de l'usager, 3. Confirmation.</summary>
public sealed class RdvWizardPage(IPage page)
{
    public ILocator Recap => page.Locator("#rdv-recap");

    public ILocator Error => page.Locator("#wizard-error");

    public async Task ExpectStepAsync(int step) =>
        await Expect(page.Locator(".fr-stepper__state")).ToHaveTextAsync($"Étape {step} sur 3");

    public async Task ContinueFromInformationsAsync()
    {
        await ExpectStepAsync(1);
        await page.Locator("#wizard-continue").ClickAsync();
        await ExpectStepAsync(2);
    }

    public async Task ChooseParticipantAndContinueAsync(string fullName)
    {
        await ExpectStepAsync(2);
        var radio = page.GetByLabel(fullName, new() { Exact = false });
        await radio.CheckAsync();
        await Expect(radio).ToBeCheckedAsync();
        await page.Locator("#wizard-continue").ClickAsync();
        await ExpectStepAsync(3);
        await Expect(page.Locator("main")).ToContainTextAsync($"Rendez-vous pour : {fullName}");
    }

    /// <summary>"Confirmer mon RDV"; returns the id of the booked rdv (the page it lands on).</summary>
    public async Task<long> ConfirmAsync()
    {
        var confirm = page.Locator("#wizard-confirm");
        await Expect(confirm).ToHaveTextAsync("Confirmer mon RDV");
        await confirm.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/users/rdvs/\d+$"));
        return RdvPage.IdFromUrl(page.Url);
    }
}
