using FluentValidation;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.Identity.ResetPassword;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage("Le lien de changement de mot de passe est incomplet.");
        RuleFor(c => c.Password).StrongPassword();
    }
}
