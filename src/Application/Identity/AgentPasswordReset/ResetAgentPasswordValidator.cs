using FluentValidation;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.Identity.AgentPasswordReset;

public sealed class ResetAgentPasswordValidator : AbstractValidator<ResetAgentPasswordCommand>
{
    public ResetAgentPasswordValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage("Le lien de changement de mot de passe est incomplet.");
        RuleFor(c => c.Password).StrongPassword();
    }
}
