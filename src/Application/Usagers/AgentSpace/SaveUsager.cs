using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Application.Usagers.AgentSpace;

/// <summary>
/// The usager form of the agent space (REFERENCE-SURFACES §2.3.8): a responsible with his contact
/// details, or a relative (names, birth date, notes) attached to a visible responsible. Optional
/// fields count only when the territory enables them.
/// </summary>
public abstract record UsagerInput
{
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? BirthName { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
    public bool NotifyByEmail { get; init; } = true;
    public bool NotifyBySms { get; init; } = true;
    public string? Address { get; init; }
    public string? AddressDetails { get; init; }
    public bool IsRelative { get; init; }
    public long? ResponsibleId { get; init; }
    public short? CaisseAffiliation { get; init; }
    public string? AffiliationNumber { get; init; }
    public short? FamilySituation { get; init; }
    public int? NumberOfChildren { get; init; }
    public short? Logement { get; init; }
    public string? Notes { get; init; }
    public string? CaseNumber { get; init; }

    /// <summary>The agent saw the look-alike warning and confirms.</summary>
    public bool ConfirmLookAlikes { get; init; }
}

/// <summary>Saved (<see cref="UsagerId"/>), or refused for an e-mail already used, or held back by look-alikes to confirm.</summary>
public sealed record UsagerSaveOutcome(long? UsagerId, ExistingUsager? EmailTaken, IReadOnlyList<ExistingUsager> LookAlikes)
{
    public static UsagerSaveOutcome Saved(long id) => new(id, null, []);
}

public abstract class UsagerInputValidator<T> : AbstractValidator<T> where T : UsagerInput
{
    protected UsagerInputValidator(TimeProvider clock)
    {
        RuleFor(c => c.FirstName).PersonName("Le prénom");
        RuleFor(c => c.LastName).PersonName("Le nom");
        RuleFor(c => c.BirthName).MaximumLength(UsagerRules.MaxNameLength).WithMessage($"Le nom de naissance doit contenir au plus {UsagerRules.MaxNameLength} caractères.");
        RuleFor(c => c.BirthDate).RealisticBirthDate(clock);
        RuleFor(c => c.Email).Must(e => string.IsNullOrWhiteSpace(e) || EmailAddress.IsValid(e.Trim()))
            .WithMessage("L'adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).");
        RuleFor(c => c.PhoneNumber).FrenchPhoneNumber();
        RuleFor(c => c.Address).MaximumLength(300).WithMessage("L'adresse doit contenir au plus 300 caractères.");
        RuleFor(c => c.AddressDetails).MaximumLength(300).WithMessage("Le complément d'adresse doit contenir au plus 300 caractères.");
        RuleFor(c => c.ResponsibleId).NotNull().When(c => c.IsRelative).WithMessage("Choisissez l'usager responsable de ce proche.");
        RuleFor(c => c.CaisseAffiliation).InclusiveBetween((short)0, (short)(UsagerChoices.CaisseAffiliation.Count - 1)).WithMessage("La caisse d'affiliation choisie n'existe pas.");
        RuleFor(c => c.FamilySituation).InclusiveBetween((short)0, (short)(UsagerChoices.FamilySituation.Count - 1)).WithMessage("La situation familiale choisie n'existe pas.");
        RuleFor(c => c.Logement).InclusiveBetween((short)0, (short)(UsagerChoices.Logement.Count - 1)).WithMessage("Le logement choisi n'existe pas.");
        RuleFor(c => c.NumberOfChildren).InclusiveBetween(0, 30).WithMessage("Le nombre d'enfants doit être compris entre 0 et 30.");
        RuleFor(c => c.AffiliationNumber).MaximumLength(100).WithMessage("Le numéro d'allocataire doit contenir au plus 100 caractères.");
        RuleFor(c => c.CaseNumber).MaximumLength(100).WithMessage("Le numéro de dossier doit contenir au plus 100 caractères.");
        RuleFor(c => c.Notes).MaximumLength(1000).WithMessage("Les remarques doivent contenir au plus 1000 caractères.");
    }
}

/// <summary>Creates a usager in the organisation (also the RDV wizard's modal).</summary>
public sealed record CreateUsagerCommand : UsagerInput, IOrganisationRequest, ICommand<UsagerSaveOutcome>
{
    public long OrganisationId { get; init; }
}

/// <summary>Every agent of the organisation creates usagers (§2.6); a relative's responsible must be visible.</summary>
public sealed class CreateUsagerPolicy(IUsagerDirectory directory) : IPolicy<CreateUsagerCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateUsagerCommand request, CancellationToken cancellationToken) =>
        !request.IsRelative || request.ResponsibleId is not { } responsible
        || await directory.CountVisibleAsync(access.OrganisationId, [responsible], cancellationToken) == 1;
}

public sealed class CreateUsagerValidator(TimeProvider clock) : UsagerInputValidator<CreateUsagerCommand>(clock);

public sealed class CreateUsagerHandler(IUsagerDirectory directory, IUsagerRepository usagers) : ICommandHandler<CreateUsagerCommand, UsagerSaveOutcome>
{
    public async ValueTask<UsagerSaveOutcome> Handle(CreateUsagerCommand command, CancellationToken cancellationToken)
    {
        var fields = await directory.FieldsAsync(command.OrganisationId, cancellationToken);
        var record = await UsagerSaving.BuildAsync(directory, command, fields, existing: null, cancellationToken);
        if (await UsagerSaving.CheckDuplicatesAsync(directory, command.OrganisationId, command.ConfirmLookAlikes, record, cancellationToken) is { } held) return held;
        var id = await directory.CreateAsync(record, command.OrganisationId, cancellationToken);
        // A relative's family (his responsible and siblings) joins the organisation with him.
        await usagers.AddFamilyToOrganisationAsync(id, command.OrganisationId, cancellationToken);
        return UsagerSaveOutcome.Saved(id);
    }
}

/// <summary>Edits a visible usager.</summary>
public sealed record UpdateUsagerCommand : UsagerInput, IOrganisationRequest, ICommand<UsagerSaveOutcome>
{
    public long OrganisationId { get; init; }
    public long UserId { get; init; }
}

public sealed class UpdateUsagerPolicy(IUsagerDirectory directory) : IPolicy<UpdateUsagerCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, UpdateUsagerCommand request, CancellationToken cancellationToken)
    {
        long[] ids = request.IsRelative && request.ResponsibleId is { } responsible && responsible != request.UserId ? [request.UserId, responsible] : [request.UserId];
        return await directory.CountVisibleAsync(access.OrganisationId, ids, cancellationToken) == ids.Length;
    }
}

public sealed class UpdateUsagerValidator(TimeProvider clock) : UsagerInputValidator<UpdateUsagerCommand>(clock);

public sealed class UpdateUsagerHandler(IUsagerDirectory directory) : ICommandHandler<UpdateUsagerCommand, UsagerSaveOutcome>
{
    public async ValueTask<UsagerSaveOutcome> Handle(UpdateUsagerCommand command, CancellationToken cancellationToken)
    {
        var existing = await directory.GetRecordAsync(command.UserId, cancellationToken)
            ?? throw new AccessDeniedException(AccessDenial.Forbidden, nameof(UpdateUsagerCommand));
        if (command.IsRelative && command.ResponsibleId == command.UserId)
            throw Invalid(nameof(UsagerInput.ResponsibleId), "Un usager ne peut pas être son propre responsable.");
        if (command.IsRelative && await directory.HasRelativesAsync(command.UserId, cancellationToken))
            throw Invalid(nameof(UsagerInput.IsRelative), "Cet usager a des proches : il ne peut pas devenir lui-même un proche.");
        var fields = await directory.FieldsAsync(command.OrganisationId, cancellationToken);
        var record = await UsagerSaving.BuildAsync(directory, command, fields, existing, cancellationToken);
        if (await UsagerSaving.CheckDuplicatesAsync(directory, command.OrganisationId, command.ConfirmLookAlikes, record, cancellationToken) is { } held) return held;
        await directory.UpdateAsync(record, cancellationToken);
        return UsagerSaveOutcome.Saved(existing.Id);
    }

    private static ValidationFailedException Invalid(string property, string message) => new(new Dictionary<string, string[]> { [property] = [message] });
}

internal static class UsagerSaving
{
    /// <summary>
    /// The row to write: a relative keeps no contact details of his own (his responsible is notified);
    /// fields the territory does not enable keep their stored value; a FranceConnect birth date is frozen.
    /// </summary>
    public static async Task<UsagerRecord> BuildAsync(IUsagerDirectory directory, UsagerInput input, UsagerFields fields, UsagerRecord? existing, CancellationToken cancellationToken)
    {
        if (input.IsRelative && input.ResponsibleId is { } responsibleId)
        {
            var responsible = await directory.GetRecordAsync(responsibleId, cancellationToken);
            if (responsible is null || responsible.IsRelative)
                throw new ValidationFailedException(new Dictionary<string, string[]> { [nameof(UsagerInput.ResponsibleId)] = ["Le responsable choisi est lui-même un proche : choisissez un autre usager."] });
        }
        var relative = input.IsRelative;
        var phone = relative ? null : Text.OrNull(input.PhoneNumber);
        var record = (existing ?? new UsagerRecord()) with
        {
            FirstName = input.FirstName.Trim(),
            LastName = input.LastName.Trim(),
            BirthName = relative ? null : Text.OrNull(input.BirthName),
            BirthDate = existing?.FranceconnectOpenidSub is not null ? existing.BirthDate : input.BirthDate,
            Email = relative ? null : Text.OrNull(input.Email),
            PhoneNumber = phone,
            PhoneNumberFormatted = FrenchPhone.ToE164(phone),
            NotifyByEmail = !relative && input.NotifyByEmail,
            NotifyBySms = !relative && input.NotifyBySms,
            Address = relative ? null : Text.OrNull(input.Address),
            ResponsibleId = relative ? input.ResponsibleId : null,
        };
        return record with
        {
            AddressDetails = fields.AddressDetails && !relative ? Text.OrNull(input.AddressDetails) : record.AddressDetails,
            Notes = fields.Notes ? Text.OrNull(input.Notes) : record.Notes,
            CaseNumber = fields.CaseNumber && !relative ? Text.OrNull(input.CaseNumber) : record.CaseNumber,
            CaisseAffiliation = fields.CaisseAffiliation && !relative ? input.CaisseAffiliation : record.CaisseAffiliation,
            AffiliationNumber = fields.AffiliationNumber && !relative ? Text.OrNull(input.AffiliationNumber) : record.AffiliationNumber,
            FamilySituation = fields.FamilySituation && !relative ? input.FamilySituation : record.FamilySituation,
            NumberOfChildren = fields.NumberOfChildren && !relative ? input.NumberOfChildren : record.NumberOfChildren,
            Logement = fields.Logement && !relative ? input.Logement : record.Logement,
        };
    }

    /// <summary>
    /// Same e-mail: blocking (the address identifies an account). Same names and birth date, or same
    /// phone, among the usagers this organisation sees: a warning the agent may confirm.
    /// </summary>
    public static async Task<UsagerSaveOutcome?> CheckDuplicatesAsync(IUsagerDirectory directory, long organisationId, bool confirmLookAlikes, UsagerRecord record, CancellationToken cancellationToken)
    {
        long? exceptId = record.Id == 0 ? null : record.Id;
        if (record.Email is { } email && await directory.FindByEmailAsync(organisationId, email, exceptId, cancellationToken) is { } owner)
            return new UsagerSaveOutcome(null, owner, []);
        if (confirmLookAlikes) return null;
        var lookAlikes = await directory.FindLookAlikesAsync(organisationId, record, exceptId, cancellationToken);
        return lookAlikes.Count > 0 ? new UsagerSaveOutcome(null, null, lookAlikes) : null;
    }
}
