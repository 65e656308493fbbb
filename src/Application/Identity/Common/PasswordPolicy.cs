using FluentValidation;

namespace RdvSP.Application.Identity.Common;

/// <summary>
/// The reference's password rules (§6.2): 12 to 128 characters, a digit, an upper-case letter, a
/// special character, and not a common password (checked case-insensitively).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public const string Required = "Le mot de passe est obligatoire.";
    public const string TooShort = "Le mot de passe doit contenir au moins 12 caractères.";
    public const string TooLong = "Le mot de passe doit contenir au plus 128 caractères.";
    public const string NoDigit = "Le mot de passe doit contenir au moins un chiffre.";
    public const string NoUpper = "Le mot de passe doit contenir au moins une lettre majuscule.";
    public const string NoSpecial = "Le mot de passe doit contenir au moins un caractère spécial (par exemple ! ? @ # -).";
    public const string TooCommon = "Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre.";

    /// <summary>Every rule the password breaks, in the order of the form's hints; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string? password)
    {
        if (string.IsNullOrEmpty(password)) return [Required];
        var problems = new List<string>();
        if (password.Length < MinLength) problems.Add(TooShort);
        if (password.Length > MaxLength) problems.Add(TooLong);
        if (!password.Any(char.IsDigit)) problems.Add(NoDigit);
        if (!password.Any(char.IsUpper)) problems.Add(NoUpper);
        if (password.All(char.IsLetterOrDigit)) problems.Add(NoSpecial);
        if (CommonPasswords.Contains(password)) problems.Add(TooCommon);
        return problems;
    }

    /// <summary>FluentValidation rule: one message per broken rule, beside the password field.</summary>
    public static IRuleBuilderOptionsConditions<T, string> StrongPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom((password, context) =>
        {
            foreach (var problem in Check(password)) context.AddFailure(problem);
        });
}
