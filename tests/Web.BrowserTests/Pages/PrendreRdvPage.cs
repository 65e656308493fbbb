using System.Globalization;
using System.Text.RegularExpressions;

namespace RdvSP.Web.BrowserTests.Pages;

/// <summary>/prendre_rdv: address → service → motif → lieu → week of slots.</summary>
public sealed partial class PrendreRdvPage(IPage page)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Slots => page.Locator("#creneaux a.creneau");

    public ILocator LieuCards => page.Locator(".lieu-card");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/prendre_rdv");
        await Expect(Heading).ToHaveTextAsync("Prendre rendez-vous");
    }

    public async Task SearchAddressAsync(string address)
    {
        await page.Locator("#address").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sélectionnez le service avec qui vous voulez prendre un RDV" })).ToBeVisibleAsync();
    }

    public async Task ChooseServiceAsync(string service)
    {
        await page.Locator(".fr-tile__title a", new() { HasTextString = service }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sélectionnez le motif de votre RDV" })).ToBeVisibleAsync();
    }

    public async Task ChooseMotifAsync(string motif)
    {
        await page.Locator(".fr-card__title a", new() { HasTextString = motif }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sélectionnez un lieu" })).ToBeVisibleAsync();
    }

    /// <summary>Clicks the first lieu that announces a next availability; returns its name.</summary>
    public async Task<string> ChooseFirstAvailableLieuAsync()
    {
        var lieu = LieuCards.Filter(new() { HasTextString = "Prochaine disponibilité le" }).First;
        var link = lieu.Locator(".fr-card__title a");
        var name = (await link.InnerTextAsync()).Trim();
        (await link.GetAttributeAsync("href")).Should().Contain("date=", "the lieu link opens the week of its next availability");
        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sélectionnez un créneau" })).ToBeVisibleAsync();
        return name;
    }

    public async Task NextWeekAsync()
    {
        var before = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Semaine suivante" }).ClickAsync();
        await page.WaitForURLAsync(url => url != before);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sélectionnez un créneau" })).ToBeVisibleAsync();
    }

    /// <summary>The instant a slot link books (its starts_at parameter, UTC).</summary>
    public static async Task<DateTimeOffset> StartsAtAsync(ILocator slot)
    {
        var href = await slot.GetAttributeAsync("href") ?? throw new InvalidOperationException("slot without href");
        var match = StartsAtParameter().Match(Uri.UnescapeDataString(href));
        match.Success.Should().BeTrue($"the slot link {href} carries starts_at");
        return DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>
    /// The first slot starting at or after <paramref name="notBefore"/>, looking at most a few weeks ahead
    /// with "Semaine suivante"; returns its link and start.
    /// </summary>
    public async Task<(ILocator Slot, DateTimeOffset StartsAt)> FirstSlotFromAsync(DateTimeOffset notBefore, int maxWeeks = 6)
    {
        for (var week = 0; week <= maxWeeks; week++)
        {
            var count = await Slots.CountAsync();
            for (var i = 0; i < count; i++)
            {
                var slot = Slots.Nth(i);
                var startsAt = await StartsAtAsync(slot);
                if (startsAt >= notBefore) return (slot, startsAt);
            }
            await NextWeekAsync();
        }
        throw new AssertionException($"No slot from {notBefore:u} within {maxWeeks} weeks.");
    }

    [GeneratedRegex(@"starts_at=([^&]+)")]
    private static partial Regex StartsAtParameter();
}
