using FluentValidation;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Application.Usagers.AddRelative;

public sealed class AddRelativeValidator : AbstractValidator<AddRelativeCommand>
{
    public AddRelativeValidator(TimeProvider clock)
    {
        RuleFor(c => c.FirstName).PersonName("Le prénom");
        RuleFor(c => c.LastName).PersonName("Le nom");
        RuleFor(c => c.BirthDate).RealisticBirthDate(clock);
    }
}
