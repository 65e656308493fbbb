using FluentValidation;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Identity.AgentAccount;

public static class AgentNameRules
{
    public const int MaxLength = 100;

    /// <summary>A required name of at most 100 characters: "Le prénom est obligatoire.", "Le nom est trop long…".</summary>
    public static IRuleBuilderOptions<T, string> AgentName<T>(this IRuleBuilderInitial<T, string> rule, string label) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"{label} est obligatoire.")
            .Must(v => v.Trim().Length <= MaxLength).WithMessage($"{label} ne doit pas dépasser {MaxLength} caractères.");
}

public sealed class UpdateAgentAccountValidator : AbstractValidator<UpdateAgentAccountCommand>
{
    public UpdateAgentAccountValidator()
    {
        RuleFor(c => c.FirstName).AgentName("Le prénom");
        RuleFor(c => c.LastName).AgentName("Le nom");
    }
}

public sealed class UpdateAgentPreferencesValidator : AbstractValidator<UpdateAgentPreferencesCommand>
{
    public UpdateAgentPreferencesValidator()
    {
        RuleFor(c => c.RdvNotificationsLevel).Must(AgentNotificationLevels.RdvLevels.Contains)
            .WithMessage("Choisissez quand recevoir les e-mails de RDV parmi les options proposées.");
        RuleFor(c => c.PlageOuvertureNotificationLevel).Must(AgentNotificationLevels.AllOrNone.Contains)
            .WithMessage("Choisissez si vous recevez les e-mails de plages d'ouverture parmi les options proposées.");
        RuleFor(c => c.AbsenceNotificationLevel).Must(AgentNotificationLevels.AllOrNone.Contains)
            .WithMessage("Choisissez si vous recevez les e-mails d'indisponibilités parmi les options proposées.");
    }
}

public sealed class ChangeAgentPasswordValidator : AbstractValidator<ChangeAgentPasswordCommand>
{
    public ChangeAgentPasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Le mot de passe actuel est obligatoire.")
            .MaximumLength(1024).WithMessage("Le mot de passe actuel est trop long.");
        RuleFor(c => c.NewPassword).StrongPassword();
        RuleFor(c => c.PasswordConfirmation).Equal(c => c.NewPassword)
            .WithMessage("La confirmation ne correspond pas au nouveau mot de passe.");
    }
}
