using FluentValidation;

namespace RdvSP.Application.Identity.Common;

public static class EmailRules
{
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("L'adresse e-mail est obligatoire.")
            .Must(EmailAddress.IsValid).WithMessage("L'adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).");
}
