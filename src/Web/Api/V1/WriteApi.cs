using System.Globalization;
using Mediator;
using RdvSP.Application.Api;
using RdvSP.Application.Api.V1;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Usagers.AgentSpace;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// The API's writes on absences, usagers, profiles and référents (REFERENCE-API §2.2–§2.3, §2.13–§2.19).
/// The reference has no organisation in these paths: the endpoint tries the caller's organisations
/// where the record lives, in id order, and sends the back-office use case there — its policy decides,
/// and a record refused in every one of them is a 403. Errors are the contract's bodies (§1.8).
/// </summary>
internal static class WriteApi
{
    private static readonly string[] AbsenceFields = ["title", "first_day", "start_time", "end_day", "end_time"];
    private static readonly string[] CaisseAffiliations = ["aucune", "caf", "msa"];
    private static readonly string[] FamilySituations = ["single", "in_a_relationship", "divorced"];

    /// <summary>Known fields of the reference that it ignores (not permitted): accepted and ignored here too.</summary>
    private static readonly string[] IgnoredUserFields = ["logement", "notes", "case_number", "address_details"];

    private static readonly string[] UserFields =
    [
        "first_name", "last_name", "birth_name", "birth_date", "email", "phone_number", "address", "caisse_affiliation", "affiliation_number",
        "family_situation", "number_of_children", "notify_by_sms", "notify_by_email", "responsible_id", "referent_agent_ids", "organisation_ids",
        .. IgnoredUserFields,
    ];

    private static readonly ApiParameterDoc[] AbsenceDocs =
    [
        new("title", "string", "Titre de l'absence"),
        new("first_day", "date", "Premier jour (AAAA-MM-JJ), entre 2018 et dans 5 ans"),
        new("start_time", "time", "Heure de début (H:M ou HH:MM:SS)"),
        new("end_day", "date", "Dernier jour (par défaut le premier jour)"),
        new("end_time", "time", "Heure de fin, après le début"),
    ];

    private static readonly ApiParameterDoc[] UserDocs =
    [
        new("first_name", "string", "Prénom"),
        new("last_name", "string", "Nom"),
        new("birth_name", "string", "Nom de naissance"),
        new("birth_date", "date", "Date de naissance (AAAA-MM-JJ), ni future ni de plus de 130 ans"),
        new("email", "string", "Adresse e-mail, unique parmi les usagers"),
        new("phone_number", "string", "Téléphone français (métropole, outre-mer) ou international (+…)"),
        new("address", "string", "Adresse"),
        new("caisse_affiliation", "string", "Caisse d'affiliation : aucune, caf ou msa"),
        new("affiliation_number", "string", "Numéro d'allocataire"),
        new("family_situation", "string", "Situation familiale : single, in_a_relationship ou divorced"),
        new("number_of_children", "integer", "Nombre d'enfants (0 à 30)"),
        new("notify_by_sms", "boolean", "Notifications par SMS (vrai par défaut)"),
        new("notify_by_email", "boolean", "Notifications par e-mail (vrai par défaut)"),
        new("responsible_id", "integer", "Usager responsable : l'usager créé devient un de ses proches"),
        new("referent_agent_ids", "integer[]", "Agents référents de l'usager"),
    ];

    private static readonly ApiParameterDoc UserIdDoc = new("user_id", "integer", "Usager", Required: true);

    public static RouteGroupBuilder MapWriteApi(this RouteGroupBuilder api)
    {
        api.MapPost("/absences", CreateAbsenceAsync).WithTags("Absences")
            .WithSummary("Créer une absence : agent_id ou agent_email, title, first_day, start_time, end_day (facultatif), end_time")
            .Parameters([new("agent_id", "integer", "Agent absent (prioritaire sur agent_email)"), new("agent_email", "string", "E-mail de l'agent absent, si agent_id est absent"), .. AbsenceDocs]);
        api.MapMethods("/absences/{id}", ["PATCH", "PUT"], UpdateAbsenceAsync).WithTags("Absences")
            .WithSummary("Modifier une absence : title, first_day, start_time, end_day, end_time (tous facultatifs)").Parameters(AbsenceDocs);
        api.MapDelete("/absences/{id}", DeleteAbsenceAsync).WithTags("Absences").WithSummary("Supprimer une absence (réponse 204 sans corps)");
        api.MapPost("/users", CreateUserAsync).WithTags("Usagers")
            .WithSummary("Créer un usager : organisation_ids[] (obligatoire), first_name, last_name, birth_name, birth_date, email, phone_number, address, "
                + "caisse_affiliation (aucune, caf, msa), affiliation_number, family_situation (single, in_a_relationship, divorced), number_of_children, "
                + "notify_by_sms, notify_by_email, responsible_id, referent_agent_ids[]")
            .Parameters([new("organisation_ids", "integer[]", "Organisations de l'usager (au moins une)", Required: true), .. UserDocs]);
        api.MapMethods("/users/{id}", ["PATCH", "PUT"], UpdateUserAsync).WithTags("Usagers")
            .WithSummary("Modifier un usager : mêmes champs que la création, tous facultatifs ; organisation_ids[] et referent_agent_ids[] remplacent les valeurs")
            .WithMetadata(new ForbiddenMessage(ApiErrors.UserUpdateForbidden))
            .Parameters([new("organisation_ids", "integer[]", "Remplace les organisations de l'usager"), .. UserDocs]);
        api.MapPost("/users/{id}/rdv_invitation_token", InvitationTokenAsync).WithTags("Usagers")
            .WithSummary("Jeton d'invitation à prendre rendez-vous de l'usager (créé au premier appel)");
        api.MapPost("/user_profiles", CreateUserProfileAsync).WithTags("Usagers").WithSummary("Rattacher un usager à une organisation : organisation_id, user_id")
            .Parameters(new("organisation_id", "integer", "Organisation", Required: true), UserIdDoc);
        api.MapDelete("/user_profiles", DeleteUserProfileAsync).WithTags("Usagers").WithSummary("Détacher un usager (et ses proches) d'une organisation : organisation_id, user_id")
            .Parameters(new("organisation_id", "integer", "Organisation", Required: true), UserIdDoc);
        api.MapPost("/referent_assignations", CreateReferentAsync).WithTags("Usagers").WithSummary("Désigner un agent référent d'un usager : agent_id, user_id")
            .Parameters(new("agent_id", "integer", "Agent référent", Required: true), UserIdDoc);
        api.MapDelete("/referent_assignations", DeleteReferentAsync).WithTags("Usagers").WithSummary("Retirer un agent référent d'un usager : agent_id, user_id")
            .Parameters(new("agent_id", "integer", "Agent référent", Required: true), UserIdDoc);
        return api;
    }

    private static async Task<IResult> CreateAbsenceAsync(HttpContext http, ISender sender, IApiQueries queries, IApiObjectReader reader, ICurrentActor actor)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.AllowOnly(["agent_id", "agent_email", .. AbsenceFields]);
        var agentId = p.Id("agent_id");
        var agentEmail = p.Text("agent_email", 320);
        var input = ReadAbsence(p);
        p.ThrowIfInvalid();
        if (agentId is null && !string.IsNullOrWhiteSpace(agentEmail))
            agentId = await queries.AgentIdByEmailAsync(agentEmail, http.RequestAborted) ?? throw ApiErrors.NotFound("agent");
        if (agentId is not { } agent) throw ApiErrors.Invalid("agent", "doit exister");
        var organisations = await queries.OrganisationsSharedWithAgentAsync(actor.AgentId!.Value, agent, http.RequestAborted)
            ?? throw ApiErrors.Invalid("agent", "doit exister");
        var id = await InFirstAllowedAsync(organisations, organisationId => sender.Send(new CreateAbsenceCommand
        {
            OrganisationId = organisationId, AgentId = agent, Title = input.Title, FirstDay = input.FirstDay, StartTime = input.StartTime,
            EndDay = input.EndDay, EndTime = input.EndTime,
        }, http.RequestAborted).AsTask());
        return ApiJsonResult.Object("absence", (await reader.ReadJsonAsync(ApiModels.Absence, new(id), http.RequestAborted))!);
    }

    private static async Task<IResult> UpdateAbsenceAsync(HttpContext http, ISender sender, IApiQueries queries, IApiObjectReader reader, ICurrentActor actor)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.AllowOnly(AbsenceFields);
        var (absenceId, organisations) = await AbsenceOrganisationsAsync(p, queries, actor, http.RequestAborted);
        var changes = ReadAbsence(p);
        p.ThrowIfInvalid();
        await InFirstAllowedAsync(organisations, async organisationId =>
        {
            var stored = (await sender.Send(new GetAbsenceQuery(organisationId, absenceId), http.RequestAborted)).Absence;
            var firstDay = p.Has("first_day") ? changes.FirstDay : stored.FirstDay;
            return await sender.Send(new UpdateAbsenceCommand
            {
                OrganisationId = organisationId, AbsenceId = absenceId, Recurrence = stored.Recurrence,
                Title = p.Has("title") ? changes.Title : stored.Title,
                FirstDay = firstDay,
                StartTime = p.Has("start_time") ? changes.StartTime : stored.StartTime,
                // Moving a one-day absence moves its end day along, unless the end day is sent too.
                EndDay = p.Has("end_day") ? changes.EndDay : stored.EndDay == stored.FirstDay ? firstDay : stored.EndDay,
                EndTime = p.Has("end_time") ? changes.EndTime : stored.EndTime,
            }, http.RequestAborted);
        });
        return ApiJsonResult.Object("absence", (await reader.ReadJsonAsync(ApiModels.Absence, new(absenceId), http.RequestAborted))!);
    }

    private static async Task<IResult> DeleteAbsenceAsync(HttpContext http, ISender sender, IApiQueries queries, ICurrentActor actor)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.AllowOnly();
        var (absenceId, organisations) = await AbsenceOrganisationsAsync(p, queries, actor, http.RequestAborted);
        p.ThrowIfInvalid();
        await InFirstAllowedAsync(organisations, organisationId => sender.Send(new DeleteAbsenceCommand(organisationId, absenceId), http.RequestAborted).AsTask());
        return Results.StatusCode(StatusCodes.Status204NoContent);
    }

    /// <summary>The absence of the path (404 form A when unknown) and the caller's organisations where its agent has a role.</summary>
    private static async Task<(long AbsenceId, IReadOnlyList<long> Organisations)> AbsenceOrganisationsAsync(ApiParameters p, IApiQueries queries, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var absenceId = p.PathId("id") ?? throw ApiErrors.NotFound("absence");
        var agentId = await queries.AgentOfAbsenceAsync(absenceId, cancellationToken) ?? throw ApiErrors.NotFound("absence");
        return (absenceId, await queries.OrganisationsSharedWithAgentAsync(actor.AgentId!.Value, agentId, cancellationToken) ?? []);
    }

    /// <summary>The absence fields sent (title trimmed; an unparsable date or time is an error of its field).</summary>
    private static UpdateAbsenceCommand ReadAbsence(ApiParameters p) => new()
    {
        Title = p.Text("title")?.Trim() ?? "",
        FirstDay = p.Date("first_day"),
        StartTime = p.Time("start_time"),
        EndDay = p.Date("end_day"),
        EndTime = p.Time("end_time"),
    };

    private static async Task<IResult> CreateUserAsync(HttpContext http, ISender sender, IApiObjectReader reader)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.AllowOnly(UserFields);
        var organisationIds = p.Ids("organisation_ids");
        var fields = ReadUser(p, null);
        p.ThrowIfInvalid();
        if (organisationIds is not { Length: > 0 }) throw ApiErrors.MissingParameter("organisation_ids");
        var command = fields.ToCommand(new CreateApiUserCommand
        {
            OrganisationId = organisationIds[0], OrganisationIds = organisationIds, ReferentAgentIds = p.Ids("referent_agent_ids") ?? [],
        });
        UsagerSaveOutcome outcome;
        try
        {
            outcome = await sender.Send(command, http.RequestAborted);
        }
        catch (AccessDeniedException denied) when (denied.Reason == AccessDenial.NotInOrganisation)
        {
            throw new AccessDeniedException(AccessDenial.Forbidden, nameof(CreateApiUserCommand));
        }
        return await UserResultAsync(outcome, command.Email, reader, http.RequestAborted);
    }

    private static async Task<IResult> UpdateUserAsync(HttpContext http, ISender sender, IApiQueries queries, IApiObjectReader reader, ICurrentActor actor)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.AllowOnly(UserFields);
        var organisationIds = p.Ids("organisation_ids");
        var referentIds = p.Ids("referent_agent_ids");
        var (userId, organisations) = await UserOrganisationsAsync(p, queries, actor, http.RequestAborted);
        if (organisationIds is { Length: 0 }) p.Error("organisation_ids", "doit contenir au moins une organisation");
        string? email = null;
        var outcome = await InFirstAllowedAsync(organisations, async organisationId =>
        {
            var stored = (await sender.Send(new GetUsagerFormQuery(organisationId, userId), http.RequestAborted)).Usager!;
            var fields = ReadUser(p, stored);
            p.ThrowIfInvalid();
            email = fields.Email;
            return await sender.Send(fields.ToCommand(new UpdateApiUserCommand
            {
                OrganisationId = organisationId, UserId = userId, OrganisationIds = organisationIds, ReferentAgentIds = referentIds,
            }), http.RequestAborted);
        });
        return await UserResultAsync(outcome, email, reader, http.RequestAborted);
    }

    private static async Task<IResult> InvitationTokenAsync(HttpContext http, ISender sender, IApiQueries queries, ICurrentActor actor)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.AllowOnly();
        var (userId, organisations) = await UserOrganisationsAsync(p, queries, actor, http.RequestAborted);
        p.ThrowIfInvalid();
        var token = await InFirstAllowedAsync(organisations, organisationId => sender.Send(new CreateApiInvitationTokenCommand(organisationId, userId), http.RequestAborted).AsTask());
        return ApiJsonResult.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("invitation_token", token);
            w.WriteEndObject();
        });
    }

    /// <summary>The usager of the path (404 form A when unknown or deleted) and the caller's organisations where he has a profile.</summary>
    private static async Task<(long UserId, IReadOnlyList<long> Organisations)> UserOrganisationsAsync(ApiParameters p, IApiQueries queries, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var userId = p.PathId("id") ?? throw ApiErrors.NotFound("user");
        var organisations = await queries.SharedOrganisationsOfUserAsync(userId, actor.AgentId!.Value, cancellationToken) ?? throw ApiErrors.NotFound("user");
        return (userId, organisations);
    }

    /// <summary>Saved: the user (user_profiles null, §3.3); an e-mail already used: 422 taken, with the owner's id when the caller sees him.</summary>
    private static async Task<IResult> UserResultAsync(UsagerSaveOutcome outcome, string? email, IApiObjectReader reader, CancellationToken cancellationToken)
    {
        if (outcome.EmailTaken is { } owner && email is not null) throw ApiErrors.Taken("email", email, owner.Visible ? owner.Id : null);
        return ApiJsonResult.Object("user", (await reader.ReadJsonAsync(ApiModels.User, new(outcome.UsagerId!.Value), cancellationToken))!);
    }

    /// <summary>The usager fields: those sent, else the stored ones (an update), else the defaults (a creation).</summary>
    private static ApiUserFields ReadUser(ApiParameters p, UsagerRecord? stored)
    {
        string? Text(string name, string? current, int max = 255) => p.Has(name) ? p.Text(name, max) : current;
        var responsibleId = p.Has("responsible_id") ? p.Id("responsible_id") : stored?.ResponsibleId;
        return new ApiUserFields(
            Text("first_name", stored?.FirstName) ?? "",
            Text("last_name", stored?.LastName) ?? "",
            Text("birth_name", stored?.BirthName),
            p.Has("birth_date") ? p.Date("birth_date") : stored?.BirthDate,
            p.Has("email") ? CorrectEmail(p.Text("email", 320)) : stored?.Email,
            Text("phone_number", stored?.PhoneNumber, 30),
            Text("address", stored?.Address, 300),
            p.Has("caisse_affiliation") ? Index(p.Choice("caisse_affiliation", CaisseAffiliations), CaisseAffiliations) : stored?.CaisseAffiliation,
            Text("affiliation_number", stored?.AffiliationNumber, 100),
            p.Has("family_situation") ? Index(p.Choice("family_situation", FamilySituations), FamilySituations) : stored?.FamilySituation,
            p.Has("number_of_children") ? p.Integer("number_of_children", 0, 30) : stored?.NumberOfChildren,
            p.Has("notify_by_sms") ? p.Bool("notify_by_sms") ?? true : stored?.NotifyBySms ?? true,
            p.Has("notify_by_email") ? p.Bool("notify_by_email") ?? true : stored?.NotifyByEmail ?? true,
            responsibleId);
    }

    private static short? Index(string? value, string[] values) => string.IsNullOrEmpty(value) ? null : (short)Array.IndexOf(values, value);

    /// <summary>The reference's typo corrections: ".@" → "@", ".." → "."; blank → none.</summary>
    private static string? CorrectEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var corrected = email.Trim().Replace(".@", "@", StringComparison.Ordinal);
        while (corrected.Contains("..", StringComparison.Ordinal)) corrected = corrected.Replace("..", ".", StringComparison.Ordinal);
        return corrected;
    }

    private sealed record ApiUserFields(string FirstName, string LastName, string? BirthName, DateOnly? BirthDate, string? Email, string? PhoneNumber,
        string? Address, short? CaisseAffiliation, string? AffiliationNumber, short? FamilySituation, int? NumberOfChildren, bool NotifyBySms,
        bool NotifyByEmail, long? ResponsibleId)
    {
        public T ToCommand<T>(T command) where T : UsagerInput => command with
        {
            FirstName = FirstName, LastName = LastName, BirthName = BirthName, BirthDate = BirthDate, Email = Email, PhoneNumber = PhoneNumber,
            Address = Address, CaisseAffiliation = CaisseAffiliation, AffiliationNumber = AffiliationNumber, FamilySituation = FamilySituation,
            NumberOfChildren = NumberOfChildren, NotifyBySms = NotifyBySms, NotifyByEmail = NotifyByEmail,
            ResponsibleId = ResponsibleId, IsRelative = ResponsibleId is not null, ConfirmLookAlikes = true,
        };
    }

    private static async Task<IResult> CreateUserProfileAsync(HttpContext http, ISender sender, IApiObjectReader reader)
    {
        var p = await ApiParameters.ReadAsync(http);
        var (organisationId, userId) = ProfileParameters(p);
        try
        {
            await sender.Send(new CreateApiUserProfileCommand(organisationId, userId), http.RequestAborted);
        }
        catch (AccessDeniedException denied) when (denied.Reason == AccessDenial.NotInOrganisation)
        {
            throw new AccessDeniedException(AccessDenial.Forbidden, nameof(CreateApiUserProfileCommand));
        }
        return ApiJsonResult.Object("user_profile", (await reader.ReadJsonAsync(ApiModels.UserProfile, new(userId, organisationId), http.RequestAborted))!);
    }

    private static async Task<IResult> DeleteUserProfileAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        var (organisationId, userId) = ProfileParameters(p);
        var notFound = ApiErrors.NotFoundRecord("Couldn't find UserProfile with [WHERE \"user_profiles\".\"organisation_id\" = $1 AND \"user_profiles\".\"user_id\" = $2]");
        RdvSP.Domain.Common.Result result;
        try
        {
            result = await sender.Send(new DeleteApiUserProfileCommand(organisationId, userId), http.RequestAborted);
        }
        catch (AccessDeniedException denied) when (denied.Reason == AccessDenial.NotInOrganisation)
        {
            var queries = http.RequestServices.GetRequiredService<IApiQueries>();
            if (!await queries.OrganisationExistsAsync(organisationId, http.RequestAborted)) throw notFound;
            throw new AccessDeniedException(AccessDenial.Forbidden, nameof(DeleteApiUserProfileCommand));
        }
        if (result.IsFailure)
            throw result.Error.Code == DeleteApiUserProfileHandler.NotFound.Code ? notFound : ApiErrors.Business(result.Error.Message);
        return Results.StatusCode(StatusCodes.Status204NoContent);
    }

    private static (long OrganisationId, long UserId) ProfileParameters(ApiParameters p)
    {
        p.AllowOnly("user_id");
        var organisationId = p.Id("organisation_id");
        var userId = p.Id("user_id");
        p.ThrowIfInvalid();
        if (organisationId is null) throw ApiErrors.MissingParameter("organisation_id");
        if (userId is null) throw ApiErrors.MissingParameter("user_id");
        return (organisationId.Value, userId.Value);
    }

    private static async Task<IResult> CreateReferentAsync(HttpContext http, ISender sender, IApiQueries queries, IApiObjectReader reader, ICurrentActor actor)
    {
        var p = await ApiParameters.ReadAsync(http);
        var (agentId, userId) = ReferentParameters(p);
        var organisations = await queries.SharedOrganisationsOfUserAsync(userId, actor.AgentId!.Value, http.RequestAborted) ?? throw ApiErrors.Invalid("user", "doit exister");
        await InFirstAllowedAsync(organisations, organisationId => sender.Send(new CreateApiReferentCommand(organisationId, userId, agentId), http.RequestAborted).AsTask());
        return ApiJsonResult.Object("referent_assignation", (await reader.ReadJsonAsync(ApiModels.ReferentAssignation, new(userId, agentId), http.RequestAborted))!);
    }

    private static async Task<IResult> DeleteReferentAsync(HttpContext http, ISender sender, IApiQueries queries, ICurrentActor actor)
    {
        var p = await ApiParameters.ReadAsync(http);
        var (agentId, userId) = ReferentParameters(p);
        var notFound = ApiErrors.NotFoundRecord("Couldn't find ReferentAssignation with [WHERE \"referent_assignations\".\"user_id\" = $1 AND \"referent_assignations\".\"agent_id\" = $2]");
        var organisations = await queries.SharedOrganisationsOfUserAsync(userId, actor.AgentId!.Value, http.RequestAborted) ?? throw notFound;
        var deleted = await InFirstAllowedAsync(organisations, organisationId => sender.Send(new DeleteApiReferentCommand(organisationId, userId, agentId), http.RequestAborted).AsTask());
        return deleted ? Results.StatusCode(StatusCodes.Status204NoContent) : throw notFound;
    }

    private static (long AgentId, long UserId) ReferentParameters(ApiParameters p)
    {
        p.AllowOnly("agent_id", "user_id");
        var agentId = p.Id("agent_id");
        var userId = p.Id("user_id");
        p.ThrowIfInvalid();
        if (agentId is null) throw ApiErrors.MissingParameter("agent_id");
        if (userId is null) throw ApiErrors.MissingParameter("user_id");
        return (agentId.Value, userId.Value);
    }

    /// <summary>
    /// Sends the use case in the first of the organisations whose policy accepts it (a refusal happens
    /// before anything is written); refused in all of them, or none to try: 403.
    /// </summary>
    private static async Task<T> InFirstAllowedAsync<T>(IReadOnlyList<long> organisationIds, Func<long, Task<T>> run)
    {
        foreach (var organisationId in organisationIds)
        {
            try
            {
                return await run(organisationId);
            }
            catch (AccessDeniedException denied) when (denied.Reason != AccessDenial.NotSignedIn)
            {
                // Try the next organisation where the record lives.
            }
        }
        throw new AccessDeniedException(AccessDenial.Forbidden, string.Join(",", organisationIds.Select(id => id.ToString(CultureInfo.InvariantCulture))));
    }
}
