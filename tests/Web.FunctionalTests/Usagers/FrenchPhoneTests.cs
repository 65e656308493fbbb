using FluentAssertions;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Web.FunctionalTests.Usagers;

/// <summary>Unit tests of the phone and e-mail normalisation used by the usager forms.</summary>
[TestFixture]
public sealed class FrenchPhoneTests
{
    [TestCase("06 12 34 56 78", "+33612345678")]
    [TestCase("06.12.34.56.78", "+33612345678")]
    [TestCase("01-23-45-67-89", "+33123456789")]
    [TestCase("+33 6 12 34 56 78", "+33612345678")]
    [TestCase("+33 (0)6 12 34 56 78", "+33612345678")]
    [TestCase("0033612345678", "+33612345678")]
    [TestCase("0690 12 34 56", "+590690123456")]
    [TestCase("0594 12 34 56", "+594594123456")]
    [TestCase("0696 12 34 56", "+596696123456")]
    [TestCase("0692 12 34 56", "+262692123456")]
    [TestCase("0639 12 34 56", "+262639123456")]
    [TestCase("+262 692 12 34 56", "+262692123456")]
    public void Formats_french_numbers_in_E164(string input, string expected) =>
        FrenchPhone.ToE164(input).Should().Be(expected);

    [TestCase("")]
    [TestCase("12345")]
    [TestCase("0012")]
    [TestCase("06 12 34 56 7")]
    [TestCase("06 12 34 56 789")]
    [TestCase("00 12 34 56 78")]
    [TestCase("+44 20 7946 0958")]
    [TestCase("06 12 AB 56 78")]
    public void Refuses_what_is_not_a_french_number(string input) =>
        FrenchPhone.ToE164(input).Should().BeNull();

    [TestCase(" Jean.Dupont@Exemple.FR ", "jean.dupont@exemple.fr")]
    [TestCase("jean..dupont@exemple.fr", "jean.dupont@exemple.fr")]
    [TestCase("jean.dupont.@exemple.fr", "jean.dupont@exemple.fr")]
    public void Email_typos_are_corrected(string input, string expected)
    {
        EmailAddress.Normalize(input).Should().Be(expected);
        EmailAddress.IsValid(input).Should().BeTrue();
    }

    [TestCase("pas-une-adresse")]
    [TestCase("jean@exemple")]
    [TestCase("jean dupont@exemple.fr")]
    [TestCase("@exemple.fr")]
    public void Invalid_emails_are_refused(string input) =>
        EmailAddress.IsValid(input).Should().BeFalse();
}
