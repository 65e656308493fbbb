using System.Globalization;
using System.Text.Json;
using Mediator;
using RdvSP.Application.Api.V1;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Webhooks;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// Webhook endpoints through the API (REFERENCE-API §2.20): the same use cases and policy as the admin
/// pages (admins of the organisation; an endpoint of another organisation is refused). A create or
/// update replays the organisation's records to the endpoint (§4.5) unless <c>trigger</c> is false
/// (JSON false, or "false"/"0" as text: the reference's JSON-only rule is a quirk not kept).
/// </summary>
internal static class WebhookEndpointsApi
{
    private const int PerPage = 100;

    public static RouteGroupBuilder MapWebhookEndpointsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organisations/{organisation_id}/webhook_endpoints", ListAsync).WithTags("Webhooks")
            .WithSummary("Webhooks de l'organisation (administrateurs) ; filtre target_url")
            .Parameters(ApiDocs.Page, new("target_url", "string", "URL exacte du webhook"));
        api.MapPost("/organisations/{organisation_id}/webhook_endpoints", CreateAsync).WithTags("Webhooks")
            .WithSummary("Ajouter un webhook : target_url, secret, subscriptions[], trigger").Parameters(Fields(required: true));
        api.MapMethods("/organisations/{organisation_id}/webhook_endpoints/{id}", ["PATCH", "PUT"], UpdateAsync).WithTags("Webhooks")
            .WithSummary("Modifier un webhook : target_url, secret, subscriptions[], trigger").Parameters(Fields(required: false));
        return api;
    }

    private static ApiParameterDoc[] Fields(bool required) =>
    [
        new("target_url", "string", "URL appelée (POST), unique dans l'organisation", required),
        new("secret", "string", "Clé de la signature X-Lapin-Signature (HMAC-SHA256 du corps)", required),
        new("subscriptions", "string[]", "Modèles suivis : rdv, absence, plage_ouverture, user, user_profile, organisation, motif, lieu, agent, agent_role, "
            + "referent_assignation (par défaut rdv, absence, plage_ouverture)"),
        new("trigger", "boolean", "false : ne pas renvoyer les données existantes de l'organisation"),
    ];

    private static Task<IResult> ListAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            var targetUrl = p.Text("target_url", 2000);
            var page = p.Page();
            p.ThrowIfInvalid();
            var endpoints = await sender.Send(new ListWebhookEndpointsQuery(organisationId, targetUrl), http.RequestAborted);
            var items = JsonArray(w =>
            {
                foreach (var endpoint in endpoints.Skip((page - 1) * PerPage).Take(PerPage)) Write(w, endpoint);
            });
            var result = new ApiPage(items, page, endpoints.Count);
            return ApiJsonResult.Json(200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("webhook_endpoints");
                w.WriteRawValue(result.ItemsJson, skipInputValidation: true);
                AgentApi.WriteMeta(w, result);
                w.WriteEndObject();
            });
        });

    private static Task<IResult> CreateAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            p.AllowOnly("target_url", "secret", "subscriptions", "trigger");
            var command = new CreateWebhookEndpointCommand(organisationId, p.Text("target_url", 2000), p.Text("secret", 500), p.Texts("subscriptions"), p.Bool("trigger") != false);
            p.ThrowIfInvalid();
            return Object(await sender.Send(command, http.RequestAborted));
        });

    private static Task<IResult> UpdateAsync(HttpContext http, ISender sender) =>
        InOrganisationAsync(http, async (p, organisationId) =>
        {
            p.AllowOnly("target_url", "secret", "subscriptions", "trigger");
            if (p.PathId("id") is not { } id) throw ApiErrors.NotFoundRecord("WebhookEndpoint", p.PathText("id"));
            var command = new UpdateWebhookEndpointCommand(organisationId, id, p.Text("target_url", 2000), p.Text("secret", 500), p.Texts("subscriptions"), p.Bool("trigger") != false);
            p.ThrowIfInvalid();
            return Object(await sender.Send(command, http.RequestAborted));
        });

    /// <summary>An unknown organisation is a 404 (form B); an existing one where the caller has no role, a 403.</summary>
    private static async Task<IResult> InOrganisationAsync(HttpContext http, Func<ApiParameters, long, Task<IResult>> run)
    {
        var p = await ApiParameters.ReadAsync(http);
        if (p.PathId("organisation_id") is not { } organisationId) throw ApiErrors.NotFoundRecord("Organisation", p.PathText("organisation_id"));
        try
        {
            return await run(p, organisationId);
        }
        catch (AccessDeniedException denied) when (denied.Reason == AccessDenial.NotInOrganisation)
        {
            var queries = http.RequestServices.GetRequiredService<IApiQueries>();
            if (!await queries.OrganisationExistsAsync(organisationId, http.RequestAborted))
                throw ApiErrors.NotFoundRecord("Organisation", organisationId.ToString(CultureInfo.InvariantCulture));
            throw;
        }
    }

    private static IResult Object(WebhookEndpointView endpoint) => ApiJsonResult.Json(200, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("webhook_endpoint");
        Write(w, endpoint);
        w.WriteEndObject();
    });

    /// <summary>REFERENCE-API §3.13: id, organisation_id, subscriptions, target_url — never the secret.</summary>
    private static void Write(Utf8JsonWriter w, WebhookEndpointView endpoint)
    {
        w.WriteStartObject();
        w.WriteNumber("id", endpoint.Id);
        w.WriteNumber("organisation_id", endpoint.OrganisationId);
        w.WriteStartArray("subscriptions");
        foreach (var subscription in endpoint.Subscriptions) w.WriteStringValue(subscription);
        w.WriteEndArray();
        w.WriteString("target_url", endpoint.TargetUrl);
        w.WriteEndObject();
    }

    private static string JsonArray(Action<Utf8JsonWriter> writeItems)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            writeItems(w);
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
