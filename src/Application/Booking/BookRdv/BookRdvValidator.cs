using FluentValidation;

namespace RdvSP.Application.Booking.BookRdv;

public sealed class BookRdvValidator : AbstractValidator<BookRdvCommand>
{
    public BookRdvValidator()
    {
        RuleFor(c => c.UsagerId).GreaterThan(0).WithMessage("Vous devez être connecté pour prendre rendez-vous.");
        RuleFor(c => c.MotifId).GreaterThan(0).WithMessage("Le motif du rendez-vous est invalide.");
        RuleFor(c => c.LieuId).GreaterThan(0).When(c => c.LieuId is not null).WithMessage("Le lieu du rendez-vous est invalide.");
        RuleFor(c => c.ParticipantIds).NotEmpty().WithMessage("Choisissez pour qui vous prenez rendez-vous.");
        RuleFor(c => c.ParticipantIds.Count).LessThanOrEqualTo(10).WithMessage("Vous ne pouvez pas inscrire plus de 10 personnes.");
    }
}
