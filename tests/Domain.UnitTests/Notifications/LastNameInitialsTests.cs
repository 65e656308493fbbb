using RdvSP.Domain.Notifications;

namespace RdvSP.Domain.UnitTests.Notifications;

/// <summary>The letters check of participation links: first 3 letters of the last name, case, accents and separators ignored.</summary>
public class LastNameInitialsTests
{
    [TestCase("dur", "Durand", ExpectedResult = true)]
    [TestCase("DUR", "Durand", ExpectedResult = true)]
    [TestCase("Dür", "Durand", ExpectedResult = true)]
    [TestCase(" d u r ", "Durand", ExpectedResult = true)]
    [TestCase("durand", "Durand", ExpectedResult = true)]
    [TestCase("leg", "Le Goff", ExpectedResult = true)]
    [TestCase("leg", "Lé-Goff", ExpectedResult = true)]
    [TestCase("dag", "D'Agostino", ExpectedResult = true)]
    [TestCase("eli", "Éliès", ExpectedResult = true)]
    [TestCase("oeu", "Œuvray", ExpectedResult = true)]
    [TestCase("li", "Li", ExpectedResult = true)]
    [TestCase("dup", "Durand", ExpectedResult = false)]
    [TestCase("du", "Durand", ExpectedResult = false)]
    [TestCase("", "Durand", ExpectedResult = false)]
    [TestCase("   ", "Durand", ExpectedResult = false)]
    [TestCase("123", "Durand", ExpectedResult = false)]
    [TestCase(null, "Durand", ExpectedResult = false)]
    public bool One_name(string? typed, string lastName) => LastNameInitials.Matches(typed, [lastName]);

    [Test]
    public void A_relative_link_opens_with_the_relative_s_or_the_responsible_s_name()
    {
        LastNameInitials.Matches("mar", ["Durand", "Martin"]).Should().BeTrue();
        LastNameInitials.Matches("dur", ["Durand", "Martin"]).Should().BeTrue();
        LastNameInitials.Matches("ber", ["Durand", "Martin"]).Should().BeFalse();
        LastNameInitials.Matches("dur", [null, ""]).Should().BeFalse("a blank name never matches");
    }

    [Test]
    public void Normalise_keeps_letters_only_in_upper_case_without_accents()
    {
        LastNameInitials.Normalise("Lé-Goff d'Œ").Should().Be("LEGOFFDOE");
        LastNameInitials.Of("Éliès").Should().Be("ELI");
        LastNameInitials.Of("Li").Should().Be("LI");
    }
}
