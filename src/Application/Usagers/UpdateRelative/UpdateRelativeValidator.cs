using FluentValidation;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Application.Usagers.UpdateRelative;

public sealed class UpdateRelativeValidator : AbstractValidator<UpdateRelativeCommand>
{
    public UpdateRelativeValidator(TimeProvider clock)
    {
        RuleFor(c => c.FirstName).PersonName("Le prénom");
        RuleFor(c => c.LastName).PersonName("Le nom");
        RuleFor(c => c.BirthDate).RealisticBirthDate(clock);
    }
}
