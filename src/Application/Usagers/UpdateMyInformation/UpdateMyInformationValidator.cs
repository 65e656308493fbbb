using FluentValidation;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Application.Usagers.UpdateMyInformation;

public sealed class UpdateMyInformationValidator : AbstractValidator<UpdateMyInformationCommand>
{
    public UpdateMyInformationValidator(TimeProvider clock)
    {
        RuleFor(c => c.FirstName).PersonName("Le prénom");
        RuleFor(c => c.LastName).PersonName("Le nom");
        RuleFor(c => c.BirthName).MaximumLength(UsagerRules.MaxNameLength)
            .WithMessage($"Le nom de naissance doit contenir au plus {UsagerRules.MaxNameLength} caractères.");
        RuleFor(c => c.BirthDate).RealisticBirthDate(clock);
        RuleFor(c => c.PhoneNumber).FrenchPhoneNumber();
        RuleFor(c => c.Address).MaximumLength(300).WithMessage("L'adresse doit contenir au plus 300 caractères.");
        RuleFor(c => c.AddressDetails).MaximumLength(300).WithMessage("Le complément d'adresse doit contenir au plus 300 caractères.");
    }
}
