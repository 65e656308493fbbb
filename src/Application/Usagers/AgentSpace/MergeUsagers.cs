using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Application.Identity.Abstractions;

namespace RdvSP.Application.Usagers.AgentSpace;

/// <summary>What a merge may take from either usager (REFERENCE-SURFACES §2.3.8, "Fusionner deux usagers").</summary>
public enum MergeAttribute
{
    FirstName,
    LastName,
    BirthName,
    BirthDate,
    Email,
    PhoneNumber,
    Address,
    Responsible,
    Notifications,
    CaisseAffiliation,
    AffiliationNumber,
    FamilySituation,
    NumberOfChildren,
    Logement,
    Notes,
    CaseNumber,
}

public static class MergeAttributes
{
    public static readonly IReadOnlyDictionary<MergeAttribute, string> Labels = new Dictionary<MergeAttribute, string>
    {
        [MergeAttribute.FirstName] = "Prénom",
        [MergeAttribute.LastName] = "Nom d'usage",
        [MergeAttribute.BirthName] = "Nom de naissance",
        [MergeAttribute.BirthDate] = "Date de naissance",
        [MergeAttribute.Email] = "E-mail",
        [MergeAttribute.PhoneNumber] = "Téléphone",
        [MergeAttribute.Address] = "Adresse",
        [MergeAttribute.Responsible] = "Responsable (proche de…)",
        [MergeAttribute.Notifications] = "Préférences de notification",
        [MergeAttribute.CaisseAffiliation] = "Caisse d'affiliation",
        [MergeAttribute.AffiliationNumber] = "Numéro d'allocataire",
        [MergeAttribute.FamilySituation] = "Situation familiale",
        [MergeAttribute.NumberOfChildren] = "Nombre d'enfants",
        [MergeAttribute.Logement] = "Logement",
        [MergeAttribute.Notes] = "Remarques",
        [MergeAttribute.CaseNumber] = "Numéro de dossier",
    };

    /// <summary>A relative has only these (reference rule): the rest of his record is his responsible's business.</summary>
    public static readonly IReadOnlySet<MergeAttribute> ForRelatives = new HashSet<MergeAttribute>
        { MergeAttribute.FirstName, MergeAttribute.LastName, MergeAttribute.BirthDate, MergeAttribute.Responsible };

    private static readonly IReadOnlySet<MergeAttribute> FranceConnectIdentity = new HashSet<MergeAttribute>
        { MergeAttribute.FirstName, MergeAttribute.LastName, MergeAttribute.BirthDate };

    /// <summary>The kept usager's new record: each attribute from usager 1 or 2 as chosen (usager 1 by default).</summary>
    public static UsagerRecord Combine(UsagerRecord one, UsagerRecord two, IReadOnlyDictionary<MergeAttribute, int> choices)
    {
        var relatives = one.IsRelative || two.IsRelative;
        bool Second(MergeAttribute a) =>
            (!relatives || ForRelatives.Contains(a))
            && !(FranceConnectIdentity.Contains(a) && one.FranceconnectOpenidSub is not null)
            && ((FranceConnectIdentity.Contains(a) && two.FranceconnectOpenidSub is not null) || (choices.TryGetValue(a, out var c) && c == 2));
        UsagerRecord From(MergeAttribute a) => Second(a) ? two : one;
        return one with
        {
            FirstName = From(MergeAttribute.FirstName).FirstName,
            LastName = From(MergeAttribute.LastName).LastName,
            BirthName = From(MergeAttribute.BirthName).BirthName,
            BirthDate = From(MergeAttribute.BirthDate).BirthDate,
            Email = From(MergeAttribute.Email).Email,
            PhoneNumber = From(MergeAttribute.PhoneNumber).PhoneNumber,
            PhoneNumberFormatted = From(MergeAttribute.PhoneNumber).PhoneNumberFormatted,
            Address = From(MergeAttribute.Address).Address,
            AddressDetails = From(MergeAttribute.Address).AddressDetails,
            CityCode = From(MergeAttribute.Address).CityCode,
            PostCode = From(MergeAttribute.Address).PostCode,
            CityName = From(MergeAttribute.Address).CityName,
            Latitude = From(MergeAttribute.Address).Latitude,
            Longitude = From(MergeAttribute.Address).Longitude,
            ResponsibleId = From(MergeAttribute.Responsible).ResponsibleId,
            NotifyByEmail = From(MergeAttribute.Notifications).NotifyByEmail,
            NotifyBySms = From(MergeAttribute.Notifications).NotifyBySms,
            CaisseAffiliation = From(MergeAttribute.CaisseAffiliation).CaisseAffiliation,
            AffiliationNumber = From(MergeAttribute.AffiliationNumber).AffiliationNumber,
            FamilySituation = From(MergeAttribute.FamilySituation).FamilySituation,
            NumberOfChildren = From(MergeAttribute.NumberOfChildren).NumberOfChildren,
            Logement = From(MergeAttribute.Logement).Logement,
            Notes = From(MergeAttribute.Notes).Notes,
            CaseNumber = From(MergeAttribute.CaseNumber).CaseNumber,
            // FranceConnect values are never overwritten: the identity link follows them.
            FranceconnectOpenidSub = one.FranceconnectOpenidSub ?? two.FranceconnectOpenidSub,
        };
    }
}

/// <summary>The merge form: both usagers side by side.</summary>
public sealed record GetMergeCandidatesQuery(long OrganisationId, long User1Id, long User2Id) : IOrganisationRequest, IQuery<MergeCandidates>;

public sealed record MergeCandidates(UsagerRecord One, UsagerRecord Two, UsagerFields Fields);

/// <summary>Both usagers must be visible to the organisation.</summary>
public sealed class GetMergeCandidatesPolicy(IUsagerDirectory directory) : IPolicy<GetMergeCandidatesQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetMergeCandidatesQuery request, CancellationToken cancellationToken) =>
        await directory.CountVisibleAsync(access.OrganisationId, [request.User1Id, request.User2Id], cancellationToken) == (request.User1Id == request.User2Id ? 1 : 2);
}

public sealed class GetMergeCandidatesHandler(IUsagerDirectory directory) : IQueryHandler<GetMergeCandidatesQuery, MergeCandidates>
{
    public async ValueTask<MergeCandidates> Handle(GetMergeCandidatesQuery query, CancellationToken cancellationToken)
    {
        var one = await directory.GetRecordAsync(query.User1Id, cancellationToken);
        var two = await directory.GetRecordAsync(query.User2Id, cancellationToken);
        if (one is null || two is null) throw new AccessDeniedException(AccessDenial.Forbidden, nameof(GetMergeCandidatesQuery));
        return new MergeCandidates(one, two, await directory.FieldsAsync(query.OrganisationId, cancellationToken));
    }
}

/// <summary>
/// Merges usager 2 into usager 1, in one transaction: chosen values written on usager 1, RDV
/// participations, waiting list, relatives, référents and organisations moved to him, usager 2 anonymised.
/// </summary>
public sealed record MergeUsagersCommand(long OrganisationId, long User1Id, long User2Id, IReadOnlyDictionary<MergeAttribute, int> Choices)
    : IOrganisationRequest, ICommand;

public sealed class MergeUsagersPolicy(IUsagerDirectory directory) : IPolicy<MergeUsagersCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, MergeUsagersCommand request, CancellationToken cancellationToken) =>
        await directory.CountVisibleAsync(access.OrganisationId, [request.User1Id, request.User2Id], cancellationToken) == (request.User1Id == request.User2Id ? 1 : 2);
}

public sealed class MergeUsagersValidator : AbstractValidator<MergeUsagersCommand>
{
    public MergeUsagersValidator()
    {
        RuleFor(c => c.User2Id).NotEqual(c => c.User1Id).WithMessage("Choisissez deux usagers différents.");
        RuleForEach(c => c.Choices).Must(c => Enum.IsDefined(c.Key) && c.Value is 1 or 2).WithMessage("Le choix d'une valeur à conserver n'est pas valide.");
    }
}

public sealed class MergeUsagersHandler(IUsagerDirectory directory, ISessionStore sessions, TimeProvider clock) : ICommandHandler<MergeUsagersCommand>
{
    public async ValueTask<Unit> Handle(MergeUsagersCommand command, CancellationToken cancellationToken)
    {
        var one = await directory.GetRecordAsync(command.User1Id, cancellationToken);
        var two = await directory.GetRecordAsync(command.User2Id, cancellationToken);
        if (one is null || two is null) throw new AccessDeniedException(AccessDenial.Forbidden, nameof(MergeUsagersCommand));
        if (one.ResponsibleId == two.Id || two.ResponsibleId == one.Id)
            throw Refused("Impossible de fusionner un usager avec l'un de ses proches.");
        var kept = MergeAttributes.Combine(one, two, command.Choices);
        if (kept.IsRelative && (await directory.HasRelativesAsync(one.Id, cancellationToken) || await directory.HasRelativesAsync(two.Id, cancellationToken)))
            throw Refused("L'usager conservé aurait un responsable et des proches : un proche ne peut pas avoir de proches. Gardez l'absence de responsable.");
        // The sign-in account follows the e-mail kept, or moves when usager 1 has none.
        var emailFromTwo = kept.Email is not null && kept.Email == two.Email && kept.Email != one.Email;
        var accountFollowsTwo = two.HasAccount && (emailFromTwo || !one.HasAccount);
        await directory.MergeAsync(kept, two.Id, accountFollowsTwo, clock.GetUtcNow(), cancellationToken);
        await sessions.EndAllAsync(SessionActor.Usager, two.Id, keepSessionId: null, cancellationToken);
        return Unit.Value;
    }

    private static ValidationFailedException Refused(string message) => new(new Dictionary<string, string[]> { [""] = [message] });
}
