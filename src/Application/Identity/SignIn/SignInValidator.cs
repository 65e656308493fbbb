using FluentValidation;

namespace RdvSP.Application.Identity.SignIn;

public sealed class SignInValidator : AbstractValidator<SignInCommand>
{
    public SignInValidator()
    {
        // Presence only: the policy applies when a password is chosen, not when one is typed to sign in.
        RuleFor(c => c.Email).NotEmpty().WithMessage("L'adresse e-mail est obligatoire.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Le mot de passe est obligatoire.")
            .MaximumLength(1024).WithMessage("Le mot de passe est trop long.");
    }
}
