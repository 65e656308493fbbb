using FluentValidation;

namespace RdvSP.Application.Usagers.Common;

/// <summary>Field rules shared by the usager forms, with French messages.</summary>
public static class UsagerRules
{
    public const int MaxNameLength = 100;

    /// <param name="label">"Le prénom", "Le nom"…</param>
    public static IRuleBuilderOptions<T, string> PersonName<T>(this IRuleBuilderInitial<T, string> rule, string label) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"{label} est obligatoire.")
            .MaximumLength(MaxNameLength).WithMessage($"{label} doit contenir au plus {MaxNameLength} caractères.");

    /// <summary>Not in the future, not more than 130 years ago (reference rule).</summary>
    public static IRuleBuilderOptions<T, DateOnly?> RealisticBirthDate<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider clock) =>
        rule.Must(date => date is null || IsRealistic(date.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .WithMessage("La date de naissance doit être passée et de moins de 130 ans.");

    public static IRuleBuilderOptions<T, string?> FrenchPhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => string.IsNullOrWhiteSpace(v) || FrenchPhone.ToE164(v) is not null)
            .WithMessage("Le numéro de téléphone n'est pas valide (exemple : 06 12 34 56 78).");

    private static bool IsRealistic(DateOnly date, DateOnly today) => date <= today && date > today.AddYears(-130);
}
