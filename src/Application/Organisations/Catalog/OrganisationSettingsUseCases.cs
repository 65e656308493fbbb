using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.Organisations.Catalog;

/// <summary>« Votre organisation » (REFERENCE-SURFACES §2.3.15), admins only.</summary>
public sealed record GetOrganisationSettingsQuery(long OrganisationId) : IOrganisationRequest, IQuery<OrganisationSettings>;

public sealed class GetOrganisationSettingsPolicy : IPolicy<GetOrganisationSettingsQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetOrganisationSettingsQuery request, CancellationToken cancellationToken) => Policy.When(access.IsAdmin);
}

public sealed class GetOrganisationSettingsHandler(ICatalogStore store) : IQueryHandler<GetOrganisationSettingsQuery, OrganisationSettings>
{
    public async ValueTask<OrganisationSettings> Handle(GetOrganisationSettingsQuery query, CancellationToken cancellationToken) =>
        await store.OrganisationSettingsAsync(query.OrganisationId, cancellationToken);
}

/// <summary>
/// Name, contact details, opening hours (display only), time zone of its wall-clock plages and
/// agendas, and how long before an RDV its reminder goes (migration 0012).
/// </summary>
public sealed record UpdateOrganisationSettingsCommand : IOrganisationRequest, ICommand
{
    public long OrganisationId { get; init; }
    public string Name { get; init; } = "";
    public string? PhoneNumber { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public string? Horaires { get; init; }
    public string TimeZone { get; init; } = "Europe/Paris";
    public int ReminderLeadHours { get; init; } = 48;
}

public sealed class UpdateOrganisationSettingsPolicy : IPolicy<UpdateOrganisationSettingsCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, UpdateOrganisationSettingsCommand request, CancellationToken cancellationToken) => Policy.When(access.IsAdmin);
}

public static class OrganisationTimeZones
{
    /// <summary>The time zones of France and its overseas territories, with their French names.</summary>
    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        ("Europe/Paris", "France métropolitaine (Europe/Paris)"),
        ("America/Guadeloupe", "Guadeloupe, Saint-Martin, Saint-Barthélemy (America/Guadeloupe)"),
        ("America/Martinique", "Martinique (America/Martinique)"),
        ("America/Cayenne", "Guyane (America/Cayenne)"),
        ("Indian/Reunion", "La Réunion (Indian/Reunion)"),
        ("Indian/Mayotte", "Mayotte (Indian/Mayotte)"),
        ("America/Miquelon", "Saint-Pierre-et-Miquelon (America/Miquelon)"),
        ("Pacific/Noumea", "Nouvelle-Calédonie (Pacific/Noumea)"),
        ("Pacific/Tahiti", "Polynésie française (Pacific/Tahiti)"),
        ("Pacific/Wallis", "Wallis-et-Futuna (Pacific/Wallis)"),
    ];
}

public sealed class UpdateOrganisationSettingsValidator : AbstractValidator<UpdateOrganisationSettingsCommand>
{
    public UpdateOrganisationSettingsValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Le nom de l'organisation est obligatoire.")
            .MaximumLength(100).WithMessage("Le nom de l'organisation doit contenir au plus 100 caractères.");
        // The reference accepts a blank, a valid phone or a 4-digit short number.
        RuleFor(c => c.PhoneNumber).Must(p => string.IsNullOrWhiteSpace(p) || IsShortNumber(p.Trim()) || Usagers.Common.FrenchPhone.ToE164(p) is not null)
            .WithMessage("Le numéro de téléphone n'est pas valide (exemple : 04 75 00 00 00, ou un numéro court à 4 chiffres).");
        RuleFor(c => c.Email).Must(e => string.IsNullOrWhiteSpace(e) || EmailAddress.IsValid(e.Trim()))
            .WithMessage("L'adresse e-mail n'est pas valide (exemple : contact@exemple.fr).");
        RuleFor(c => c.Website).Must(w => string.IsNullOrWhiteSpace(w) || IsWebAddress(w.Trim()))
            .WithMessage("Le site internet doit être une adresse commençant par https:// ou http://.");
        RuleFor(c => c.Website).MaximumLength(300).WithMessage("Le site internet doit contenir au plus 300 caractères.");
        RuleFor(c => c.Horaires).MaximumLength(1000).WithMessage("Les horaires doivent contenir au plus 1000 caractères.");
        RuleFor(c => c.TimeZone).Must(z => OrganisationTimeZones.All.Any(t => t.Id == z)).WithMessage("Le fuseau horaire choisi n'est pas proposé.");
        RuleFor(c => c.ReminderLeadHours).InclusiveBetween(1, 168).WithMessage("Le rappel doit partir entre 1 et 168 heures (7 jours) avant le RDV.");
    }

    private static bool IsShortNumber(string phone) => phone.Length == 4 && phone.All(char.IsAsciiDigit);

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.');
}

public sealed class UpdateOrganisationSettingsHandler(ICatalogStore store) : ICommandHandler<UpdateOrganisationSettingsCommand>
{
    public async ValueTask<Unit> Handle(UpdateOrganisationSettingsCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name.Trim();
        if (await store.OrganisationNameTakenAsync(command.OrganisationId, name, cancellationToken))
            throw MotifPolicies.Invalid(nameof(command.Name), "Une autre organisation du territoire porte déjà ce nom.");
        static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        await store.UpdateOrganisationSettingsAsync(command.OrganisationId, new OrganisationSettings
        {
            Name = name,
            PhoneNumber = OrNull(command.PhoneNumber),
            Email = OrNull(command.Email),
            Website = OrNull(command.Website),
            Horaires = OrNull(command.Horaires),
            TimeZone = command.TimeZone,
            ReminderLeadHours = command.ReminderLeadHours,
        }, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// « Réservation en ligne » (REFERENCE-SURFACES §2.3.15): the organisation's public link and, per
/// active motif, whether usagers may book it and where it is offered (plages, or collective RDVs with seats).
/// </summary>
public sealed record GetOnlineBookingQuery(long OrganisationId) : IOrganisationRequest, IQuery<OnlineBooking>;

public sealed class GetOnlineBookingPolicy : IPolicy<GetOnlineBookingQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetOnlineBookingQuery request, CancellationToken cancellationToken) => Policy.When(access.IsAdmin);
}

public sealed class GetOnlineBookingHandler(ICatalogStore store, TimeProvider clock) : IQueryHandler<GetOnlineBookingQuery, OnlineBooking>
{
    public async ValueTask<OnlineBooking> Handle(GetOnlineBookingQuery query, CancellationToken cancellationToken) =>
        await store.OnlineBookingAsync(query.OrganisationId, clock.GetUtcNow(), cancellationToken);
}
