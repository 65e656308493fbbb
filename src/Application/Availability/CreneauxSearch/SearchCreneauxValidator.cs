using System.Globalization;
using FluentValidation;

namespace RdvSP.Application.Availability.CreneauxSearch;

public sealed class SearchCreneauxValidator : AbstractValidator<SearchCreneauxQuery>
{
    public const int MaxIds = 50;

    public SearchCreneauxValidator(TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var min = today.AddYears(-1);
        var max = today.AddYears(2);
        RuleFor(q => q.FromDate)
            .Must(d => d is null || (d >= min && d <= max))
            .WithMessage($"La date de début doit être comprise entre le {min.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} et le {max.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.");
        RuleFor(q => q.AgentIds.Count).LessThanOrEqualTo(MaxIds).WithMessage($"Choisissez au plus {MaxIds} agents.");
        RuleFor(q => q.LieuIds.Count).LessThanOrEqualTo(MaxIds).WithMessage($"Choisissez au plus {MaxIds} lieux.");
        RuleFor(q => q.UserIds.Count).LessThanOrEqualTo(MaxIds).WithMessage($"Au plus {MaxIds} usagers.");
    }
}
