using FluentValidation;
using RdvSP.Application.Identity.AgentAccount;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.Identity.AgentInvitation;

public sealed class AcceptAgentInvitationValidator : AbstractValidator<AcceptAgentInvitationCommand>
{
    public AcceptAgentInvitationValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage("Le lien d'invitation est incomplet.");
        RuleFor(c => c.FirstName).AgentName("Le prénom");
        RuleFor(c => c.LastName).AgentName("Le nom");
        RuleFor(c => c.Password).StrongPassword();
    }
}
