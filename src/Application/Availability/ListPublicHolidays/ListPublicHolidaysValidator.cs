using FluentValidation;

namespace RdvSP.Application.Availability.ListPublicHolidays;

public sealed class ListPublicHolidaysValidator : AbstractValidator<ListPublicHolidaysQuery>
{
    public ListPublicHolidaysValidator()
    {
        RuleFor(q => q.Year).InclusiveBetween(1900, 2200).WithMessage("L'année doit être comprise entre 1900 et 2200.");
        RuleFor(q => q.Departement)
            .NotEmpty().WithMessage("Le numéro de département est obligatoire.")
            .Matches("^(0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])$").WithMessage("Le numéro de département n'est pas valide (exemples : 26, 2A, 974).");
    }
}
