using System.Text.Json;
using Mediator;
using RdvSP.Application.Api;
using RdvSP.Application.Api.V1;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.PublicLinks;
using Error = RdvSP.Domain.Common.Error;
using Result = RdvSP.Domain.Common.Result;
using RdvSP.Web.Configuration;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// The agents' endpoints of REFERENCE-API §2. Each one reads its parameters (query, JSON or form body,
/// path), sends its use case (whose policy decides) and writes the reference's root key and shapes.
/// </summary>
internal static class AgentApi
{
    private static readonly string[] ParticipationStatuses = ["unknown", "seen", "excused", "revoked", "noshow"];

    public static RouteGroupBuilder MapAgentApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organisations", ListOrganisationsAsync).WithTags("Organisations").WithSummary("Organisations où l'agent a un rôle")
            .Parameters(ApiDocs.Page, new("city_code", "string", "Code INSEE de la commune (sectorisation)"), new("street_ban_id", "string", "Identifiant BAN de la voie (avec city_code)"),
                new("departement_number", "string", "Numéro de département (accepté, sans effet)"));
        api.MapGet("/organisations/{organisation_id}", ShowOrganisationAsync).WithTags("Organisations").WithSummary("Une organisation")
            .WithMetadata(new ForbiddenMessage(ApiErrors.OrganisationForbidden));
        api.MapMethods("/organisations/{organisation_id}", ["PATCH", "PUT"], UpdateOrganisationAsync).WithTags("Organisations")
            .WithSummary("Modifier une organisation (administrateurs) : name, phone_number, email, verticale")
            .Parameters(new("name", "string", "Nom, unique dans le territoire"), new("phone_number", "string", "Téléphone (français, international ou numéro court à 4 chiffres)"),
                new("email", "string", "Adresse e-mail"), new("verticale", "string", "rdv_insertion, rdv_solidarites, rdv_aide_numerique ou rdv_mairie"));
        api.MapGet("/organisations/{organisation_id}/motifs", ListMotifsAsync).WithTags("Motifs")
            .WithSummary("Motifs de l'organisation ; filtres active, bookable_publicly, service_id, motif_category_short_name")
            .Parameters(ApiDocs.Page, new("active", "boolean", "true : motifs actifs ; false : motifs supprimés"), new("bookable_publicly", "boolean", "Réservable en ligne par les usagers"),
                new("service_id", "integer", "Service du motif"), new("motif_category_short_name", "string", "Nom court de la catégorie de motif"));
        api.MapGet("/organisations/{organisation_id}/rdvs", ListRdvsAsync).WithTags("Rendez-vous")
            .WithSummary("Rendez-vous de l'organisation visibles par l'agent ; filtres starts_after, starts_before")
            .Parameters(ApiDocs.Page, new("starts_after", "date-time", "Début au plus tôt (AAAA-MM-JJ ou ISO 8601, heure de Paris sans décalage)"),
                new("starts_before", "date-time", "Début au plus tard (AAAA-MM-JJ ou ISO 8601, heure de Paris sans décalage)"));
        api.MapGet("/organisations/{organisation_id}/users", ListOrganisationUsersAsync).WithTags("Usagers").WithSummary("Usagers de l'organisation").Parameters(ApiDocs.Page);
        api.MapGet("/organisations/{organisation_id}/users/{id}", ShowOrganisationUserAsync).WithTags("Usagers").WithSummary("Un usager de l'organisation")
            .WithMetadata(new ForbiddenMessage(ApiErrors.UserShowForbidden));
        api.MapGet("/users", ListUsersAsync).WithTags("Usagers").WithSummary("Usagers des organisations de l'agent ; filtre ids[]")
            .Parameters(ApiDocs.Page, new("ids", "integer[]", "Identifiants des usagers voulus"));
        api.MapGet("/users/{id}", ShowUserAsync).WithTags("Usagers").WithSummary("Un usager")
            .WithMetadata(new ForbiddenMessage(ApiErrors.UserShowForbidden))
            .Parameters(new ApiParameterDoc("organisation_id", "integer", "Organisation de contexte (comme /organisations/{organisation_id}/users/{id})"));
        api.MapGet("/agents", ListAgentsAsync).WithTags("Agents").WithSummary("Agents visibles ; filtre organisation_id")
            .Parameters(ApiDocs.Page, new("organisation_id", "integer", "Agents ayant un rôle dans cette organisation"));
        api.MapGet("/absences", ListAbsencesAsync).WithTags("Absences").WithSummary("Absences des agents visibles").Parameters(ApiDocs.Page);
        api.MapGet("/absences/{id}", ShowAbsenceAsync).WithTags("Absences").WithSummary("Une absence");
        api.MapMethods("/participations/{id}", ["PATCH", "PUT"], UpdateParticipationAsync).WithTags("Rendez-vous")
            .WithSummary("Changer le statut d'un participant (status : unknown, seen, excused, revoked, noshow) ; renvoie le rendez-vous")
            .Parameters(new ApiParameterDoc("status", "string", "unknown, seen, excused, revoked ou noshow (aussi accepté dans un objet participation)", Required: true));
        return api;
    }

    /// <summary>Public links (REFERENCE-API §2.22): no authentication, 50 calls a minute per IP; the legacy path has no CORS.</summary>
    public static void MapPublicLinks(this RouteGroupBuilder v1, WebApplication app)
    {
        v1.MapGet("/public_links", PublicLinksAsync).RequireRateLimiting(WebSetup.PublicLinksPolicy).AddEndpointFilter(ApiErrorFilter.InvokeAsync)
            .WithTags("Liens publics").WithSummary("Liens publics des organisations d'un territoire (sans authentification) ; paramètre territory")
            .Parameters(new ApiParameterDoc("territory", "string", "Numéro de département du territoire (ex. 26)", Required: true));
        app.MapGet("/public_api/public_links", PublicLinksAsync).RequireRateLimiting(WebSetup.PublicLinksPolicy).AddEndpointFilter(ApiErrorFilter.InvokeAsync)
            .ExcludeFromDescription();
    }

    private static async Task<IResult> PublicLinksAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        var territory = p.Text("territory", 10);
        p.ThrowIfInvalid();
        if (string.IsNullOrWhiteSpace(territory))
            return ApiJsonResult.Json(400, w => { w.WriteStartObject(); w.WriteString("missing", "territory"); w.WriteEndObject(); });
        var links = await sender.Send(new ListPublicLinksQuery(territory.Trim()), http.RequestAborted);
        if (links is null) throw ApiErrors.NotFound("territory");
        return ApiJsonResult.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("public_links");
            foreach (var link in links)
            {
                w.WriteStartObject();
                w.WriteString("external_id", link.ExternalId);
                w.WriteString("public_link", $"{http.Request.Scheme}://{link.Host}/org/{link.OrganisationId}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ListOrganisationsAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        var page = p.Page();
        var cityCode = p.Text("city_code", 10);
        var streetBanId = p.Text("street_ban_id", 50);
        p.Text("departement_number", 3);
        p.ThrowIfInvalid();
        return PageResult("organisations", await sender.Send(new ListApiOrganisationsQuery(page, cityCode, streetBanId), http.RequestAborted));
    }

    private static Task<IResult> ShowOrganisationAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            p.ThrowIfInvalid();
            return ApiJsonResult.Object("organisation", await sender.Send(new GetApiOrganisationQuery(organisationId), http.RequestAborted));
        });

    private static Task<IResult> UpdateOrganisationAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            p.AllowOnly("name", "phone_number", "email", "verticale");
            var command = new UpdateApiOrganisationCommand(organisationId, p.Text("name"), p.Text("phone_number", 30), p.Text("email", 320),
                p.Choice("verticale", UpdateApiOrganisationValidator.Verticales))
            {
                SetsPhoneNumber = p.Has("phone_number"),
                SetsEmail = p.Has("email"),
            };
            if (p.Has("name") && string.IsNullOrWhiteSpace(command.Name)) p.Error("name", "doit être rempli(e)");
            p.ThrowIfInvalid();
            var result = await sender.Send(command, http.RequestAborted);
            return result.IsSuccess ? ApiJsonResult.Object("organisation", result.Value) : throw Invalid(result.Error);
        });

    private static Task<IResult> ListMotifsAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            var filter = new MotifFilter(p.Bool("active"), p.Bool("bookable_publicly"), p.Id("service_id"), p.Text("motif_category_short_name"));
            var page = p.Page();
            p.ThrowIfInvalid();
            return PageResult("motifs", await sender.Send(new ListApiMotifsQuery(organisationId, filter, page), http.RequestAborted));
        });

    private static Task<IResult> ListRdvsAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            var startsAfter = p.Instant("starts_after");
            var startsBefore = p.Instant("starts_before");
            var page = p.Page();
            p.ThrowIfInvalid();
            return PageResult("rdvs", await sender.Send(new ListApiRdvsQuery(organisationId, startsAfter, startsBefore, page), http.RequestAborted));
        }, emptyListWhenForeign: "rdvs");

    private static Task<IResult> ListOrganisationUsersAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            var page = p.Page();
            p.ThrowIfInvalid();
            return PageResult("users", await sender.Send(new ListApiOrganisationUsersQuery(organisationId, page), http.RequestAborted));
        });

    private static Task<IResult> ShowOrganisationUserAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, (p, organisationId) => OrganisationUserAsync(http, sender, p, organisationId));

    private static async Task<IResult> OrganisationUserAsync(HttpContext http, ISender sender, ApiParameters p, long organisationId)
    {
        p.ThrowIfInvalid();
        var userId = p.PathId("id") ?? throw ApiErrors.NotFound("user");
        var json = await sender.Send(new GetApiOrganisationUserQuery(organisationId, userId), http.RequestAborted);
        return json is null ? throw ApiErrors.NotFound("user") : ApiJsonResult.Object("user", json);
    }

    private static async Task<IResult> ListUsersAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        var ids = p.Ids("ids");
        var page = p.Page();
        p.ThrowIfInvalid();
        return PageResult("users", await sender.Send(new ListApiUsersQuery(ids, page), http.RequestAborted));
    }

    private static async Task<IResult> ShowUserAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        // With organisation_id, the same as GET /organisations/{organisation_id}/users/{id} (REFERENCE-API §2.14).
        if (p.Has("organisation_id"))
        {
            var organisationId = p.Id("organisation_id");
            p.ThrowIfInvalid();
            return await InOrganisationAsync(http, p, organisationId, (q, id) => OrganisationUserAsync(http, sender, q, id), null);
        }
        p.ThrowIfInvalid();
        var userId = p.PathId("id") ?? throw ApiErrors.NotFound("user");
        return Lookup("user", "user", await sender.Send(new GetApiUserQuery(userId), http.RequestAborted));
    }

    private static async Task<IResult> ListAgentsAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        var organisationId = p.Id("organisation_id");
        var page = p.Page();
        p.ThrowIfInvalid();
        return PageResult("agents", await sender.Send(new ListApiAgentsQuery(organisationId, page), http.RequestAborted));
    }

    private static async Task<IResult> ListAbsencesAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        var page = p.Page();
        p.ThrowIfInvalid();
        return PageResult("absences", await sender.Send(new ListApiAbsencesQuery(page), http.RequestAborted));
    }

    private static async Task<IResult> ShowAbsenceAsync(HttpContext http, ISender sender)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.ThrowIfInvalid();
        var absenceId = p.PathId("id") ?? throw ApiErrors.NotFound("absence");
        return Lookup("absence", "absence", await sender.Send(new GetApiAbsenceQuery(absenceId), http.RequestAborted));
    }

    /// <summary>
    /// PATCH|PUT /api/v1/participations/{id} (REFERENCE-API §2.21): a participation of an RDV the caller
    /// does not see is "not found", like an unknown one; the answer is the whole RDV.
    /// </summary>
    private static async Task<IResult> UpdateParticipationAsync(HttpContext http, ISender sender, IApiQueries queries, IApiObjectReader reader)
    {
        var p = await ApiParameters.ReadAsync(http);
        p.AllowOnly("status");
        var status = p.Choice("status", ParticipationStatuses);
        p.ThrowIfInvalid();
        if (string.IsNullOrEmpty(status)) throw ApiErrors.MissingParameter("participation");
        var notFound = ApiErrors.NotFoundRecord("Participation", p.PathText("id"));
        var participationId = p.PathId("id") ?? throw notFound;
        var location = await queries.LocateParticipationAsync(participationId, http.RequestAborted) ?? throw notFound;
        Result result;
        try
        {
            result = await sender.Send(new SetParticipationStatusCommand(location.OrganisationId, location.RdvId, participationId, status), http.RequestAborted);
        }
        catch (AccessDeniedException denied) when (denied.Reason != AccessDenial.NotSignedIn)
        {
            throw notFound;
        }
        if (result.IsFailure) throw ApiErrors.Business(result.Error.Message);
        return ApiJsonResult.Object("rdv", (await reader.ReadJsonAsync(ApiModels.Rdv, new(location.RdvId), http.RequestAborted))!);
    }

    private static IResult Lookup(string root, string notFoundKind, ApiLookup lookup) => lookup.Outcome switch
    {
        ApiLookupOutcome.Found => ApiJsonResult.Object(root, lookup.Json!),
        ApiLookupOutcome.NotFound => throw ApiErrors.NotFound(notFoundKind),
        _ => throw new AccessDeniedException(AccessDenial.Forbidden, root),
    };

    private static ApiProblem Invalid(Error error) => ApiErrors.Invalid(error.Code, error.Message);

    private static async Task<IResult> InOrganisationAsync(HttpContext http, Func<ApiParameters, long, Task<IResult>> run, string? emptyListWhenForeign = null)
    {
        var p = await ApiParameters.ReadAsync(http);
        return await InOrganisationAsync(http, p, p.PathId("organisation_id"), run, emptyListWhenForeign);
    }

    /// <summary>
    /// Runs an organisation's use case. Refused because the caller has no role there: an unknown
    /// organisation is a 404 (form B), an existing one a 403 — or, for the RDV list, an empty list (§2.9).
    /// </summary>
    private static async Task<IResult> InOrganisationAsync(HttpContext http, ApiParameters p, long? organisationId,
        Func<ApiParameters, long, Task<IResult>> run, string? emptyListWhenForeign)
    {
        if (organisationId is not { } id)
        {
            if (emptyListWhenForeign is not null) return PageResult(emptyListWhenForeign, new ApiPage("[]", p.Page(), 0));
            throw ApiErrors.NotFoundRecord("Organisation", p.PathText("organisation_id"));
        }
        try
        {
            return await run(p, id);
        }
        catch (AccessDeniedException denied) when (denied.Reason == AccessDenial.NotInOrganisation)
        {
            if (emptyListWhenForeign is not null) return PageResult(emptyListWhenForeign, new ApiPage("[]", p.Page(), 0));
            var queries = http.RequestServices.GetRequiredService<IApiQueries>();
            if (!await queries.OrganisationExistsAsync(id, http.RequestAborted)) throw ApiErrors.NotFoundRecord("Organisation", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            throw;
        }
    }

    /// <summary><c>{"&lt;root&gt;":[…],"meta":{current_page,next_page,prev_page,total_pages,total_count}}</c> (REFERENCE-API §1.5).</summary>
    private static IResult PageResult(string root, ApiPage page) => ApiJsonResult.Json(200, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName(root);
        w.WriteRawValue(page.ItemsJson, skipInputValidation: true);
        WriteMeta(w, page);
        w.WriteEndObject();
    });

    public static void WriteMeta(Utf8JsonWriter w, ApiPage page)
    {
        w.WriteStartObject("meta");
        w.WriteNumber("current_page", page.Page);
        if (page.Page < page.TotalPages) w.WriteNumber("next_page", page.Page + 1);
        else w.WriteNull("next_page");
        if (page.Page > 1) w.WriteNumber("prev_page", page.Page - 1);
        else w.WriteNull("prev_page");
        w.WriteNumber("total_pages", page.TotalPages);
        w.WriteNumber("total_count", page.TotalCount);
        w.WriteEndObject();
    }
}
