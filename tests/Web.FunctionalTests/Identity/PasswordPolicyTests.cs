using FluentAssertions;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>Unit tests of the password rules (no app needed).</summary>
[TestFixture]
public sealed class PasswordPolicyTests
{
    [TestCase("Cheval-Agrafe-42")]
    [TestCase("Un mot de passe 9 fort !")]
    [TestCase("Éléphant#Rose2026")]
    public void Accepts_a_long_varied_uncommon_password(string password) =>
        PasswordPolicy.Check(password).Should().BeEmpty();

    [TestCase(null, PasswordPolicy.Required)]
    [TestCase("", PasswordPolicy.Required)]
    [TestCase("Court-1", PasswordPolicy.TooShort)]
    [TestCase("sans-majuscule-42", PasswordPolicy.NoUpper)]
    [TestCase("Sans-Chiffre-Ici", PasswordPolicy.NoDigit)]
    [TestCase("SansSpecial12345", PasswordPolicy.NoSpecial)]
    [TestCase("Password123!", PasswordPolicy.TooCommon)]
    [TestCase("AZERTY123456!", PasswordPolicy.TooCommon)]
    [TestCase("Motdepasse2024!", PasswordPolicy.TooCommon)]
    public void Refuses_with_the_rule_broken(string? password, string expected) =>
        PasswordPolicy.Check(password).Should().Equal(expected);

    [Test]
    public void Length_is_12_to_128()
    {
        PasswordPolicy.Check("Aa1!" + new string('x', 8)).Should().BeEmpty();
        PasswordPolicy.Check("Aa1!" + new string('x', 7)).Should().Equal(PasswordPolicy.TooShort);
        PasswordPolicy.Check("Aa1!" + new string('x', 124)).Should().BeEmpty();
        PasswordPolicy.Check("Aa1!" + new string('x', 125)).Should().Equal(PasswordPolicy.TooLong);
    }

    [Test]
    public void Lists_every_broken_rule()
    {
        PasswordPolicy.Check("abc").Should().Equal(PasswordPolicy.TooShort, PasswordPolicy.NoDigit, PasswordPolicy.NoUpper, PasswordPolicy.NoSpecial);
    }

    [Test]
    public void Common_list_is_case_insensitive_and_about_a_thousand_entries_or_more()
    {
        CommonPasswords.Contains("pAsSwOrD123!").Should().BeTrue();
        CommonPasswords.Contains("Cheval-Agrafe-42").Should().BeFalse();
        CommonPasswords.Count.Should().BeGreaterThan(1000);
    }

    [Test]
    public void Tokens_are_32_random_bytes_in_base64url_and_stored_as_sha256()
    {
        var (token, hash) = SecretToken.New();
        token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        hash.Should().Be(SecretToken.Hash(token)).And.MatchRegex("^[0-9a-f]{64}$");
        SecretToken.New().Token.Should().NotBe(token);
    }
}
