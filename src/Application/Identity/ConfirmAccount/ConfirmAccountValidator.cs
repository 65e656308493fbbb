using FluentValidation;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.Identity.ConfirmAccount;

public sealed class ConfirmAccountValidator : AbstractValidator<ConfirmAccountCommand>
{
    public ConfirmAccountValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage("Le lien de confirmation est incomplet.");
        RuleFor(c => c.Password).StrongPassword();
    }
}
