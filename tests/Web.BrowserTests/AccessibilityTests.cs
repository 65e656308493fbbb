using RdvSP.Web.BrowserTests.Pages;

namespace RdvSP.Web.BrowserTests;

/// <summary>Basic accessibility of the public pages: French language, one h1, every field labelled.</summary>
public sealed class AccessibilityTests : BrowserTest
{
    private const string UnlabelledFields =
        """
        () => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => !['hidden', 'submit', 'button', 'reset', 'image'].includes((e.getAttribute('type') || '').toLowerCase()))
            .filter(e => !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
            .map(e => e.outerHTML)
        """;

    public static IEnumerable<TestCaseData> PublicPages()
    {
        yield return new TestCaseData("/").SetName("Home page");
        yield return new TestCaseData("/prendre_rdv").SetName("Prendre RDV, address step");
        yield return new TestCaseData("/prendre_rdv?address=" + Uri.EscapeDataString(BrowserEnvironment.ValenceAddress)).SetName("Prendre RDV, service step");
        yield return new TestCaseData("/prendre_rdv?departement=26").SetName("Prendre RDV, by département");
        yield return new TestCaseData("/users/sign_in").SetName("Sign in");
        yield return new TestCaseData("/users/sign_up").SetName("Sign up");
    }

    [TestCaseSource(nameof(PublicPages))]
    public async Task Public_page_is_in_french_has_one_h1_and_labels_every_field(string path)
    {
        var response = await Page.GotoAsync(path);
        response!.Status.Should().Be(200);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        var unlabelled = await Page.EvaluateAsync<string[]>(UnlabelledFields);
        unlabelled.Should().BeEmpty($"every field of {path} needs a label");
        ShouldHaveNoBrowserErrors();
    }

    [Test]
    public async Task The_slot_page_is_accessible_too()
    {
        var search = new PrendreRdvPage(Page);
        await search.OpenAsync();
        await search.SearchAddressAsync(BrowserEnvironment.ValenceAddress);
        await search.ChooseServiceAsync("PMI (Protection Maternelle Infantile)");
        await search.ChooseMotifAsync("Consultation prénatale");
        await search.ChooseFirstAvailableLieuAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        // Each slot says its day and time to screen readers, not just "09h30".
        var label = await search.Slots.First.GetAttributeAsync("aria-label");
        label.Should().MatchRegex(@"^\w+ \d{1,2} \w+ \d{4} à \d{2}h\d{2}$");
        ShouldHaveNoBrowserErrors();
    }
}
