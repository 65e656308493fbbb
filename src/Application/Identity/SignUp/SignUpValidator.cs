using FluentValidation;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Application.Identity.SignUp;

public sealed class SignUpValidator : AbstractValidator<SignUpCommand>
{
    public SignUpValidator()
    {
        RuleFor(c => c.FirstName).PersonName("Le prénom");
        RuleFor(c => c.LastName).PersonName("Le nom");
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.ReturnPath).Must(p => p is null || ReturnPath.IsLocal(p)).WithMessage("Le lien de retour n'est pas valide.");
    }
}
