using System.Globalization;

namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>
/// /users/rdvs/{id}/creneaux: a week of free slots, each a link (data-starts-at) to the confirmation page
/// /users/rdvs/{id}/edit, which shows the old and the new time and moves only on "Confirmer le nouveau créneau".
/// </summary>
public sealed class MoveRdvPage(IPage page)
{
    public ILocator Slots => page.Locator("#creneaux a.creneau");

    public ILocator Error => page.Locator("#move-error");

    public ILocator OldTime => page.Locator("#old-time");

    public ILocator NewTime => page.Locator("#new-time");

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
                var value = await slot.GetAttributeAsync("data-starts-at") ?? throw new InvalidOperationException("slot without data-starts-at");
                var startsAt = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                if (startsAt > after) return (slot, startsAt);
            }
            await NextWeekAsync();
        }
        throw new AssertionException($"No slot after {after:u} within {maxWeeks} weeks.");
    }

    /// <summary>Follows the slot to the confirmation page (nothing is moved yet).</summary>
    public async Task ChooseAsync(ILocator slot)
    {
        await slot.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Confirmer le nouveau créneau");
    }

    /// <summary>"Confirmer le nouveau créneau": the app moves the rdv and answers with its page.</summary>
    public async Task ConfirmAsync(long id)
    {
        await page.Locator("#confirm-move").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/users/rdvs/{id}$"));
    }
}
