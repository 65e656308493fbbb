using System.Globalization;

namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>/users/rdvs/{id}/creneaux: a week of free slots, each a submit button carrying starts_at.</summary>
public sealed class MoveRdvPage(IPage page)
{
    public ILocator Slots => page.Locator("#creneaux button.creneau");

    public ILocator Error => page.Locator("#move-error");

    public async Task NextWeekAsync()
    {
        var before = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Semaine suivante" }).ClickAsync();
        await page.WaitForURLAsync(url => url != before);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Déplacer le RDV");
    }

    /// <summary>The first offered slot strictly after <paramref name="after"/> (looking a few weeks ahead).</summary>
    public async Task<(ILocator Slot, DateTimeOffset StartsAt)> FirstSlotAfterAsync(DateTimeOffset after, int maxWeeks = 6)
    {
        for (var week = 0; week <= maxWeeks; week++)
        {
            var count = await Slots.CountAsync();
            for (var i = 0; i < count; i++)
            {
                var slot = Slots.Nth(i);
                var value = await slot.GetAttributeAsync("value") ?? throw new InvalidOperationException("slot without value");
                var startsAt = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                if (startsAt > after) return (slot, startsAt);
            }
            await NextWeekAsync();
        }
        throw new AssertionException($"No slot after {after:u} within {maxWeeks} weeks.");
    }

    /// <summary>Submits the slot; the app answers with the rdv page.</summary>
    public async Task ChooseAsync(ILocator slot, long id)
    {
        await slot.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/users/rdvs/{id}$"));
    }
}
