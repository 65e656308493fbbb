using FluentValidation;

namespace RdvSP.Application.Identity.AgentSignIn;

public sealed class AgentSignInValidator : AbstractValidator<AgentSignInCommand>
{
    public AgentSignInValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("L'adresse e-mail est obligatoire.")
            .MaximumLength(320).WithMessage("L'adresse e-mail est trop longue.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Le mot de passe est obligatoire.")
            .MaximumLength(1024).WithMessage("Le mot de passe est trop long.");
    }
}
