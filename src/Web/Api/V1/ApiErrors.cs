using System.Text.Json;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// The JSON error bodies of REFERENCE-API §1.8, always JSON. Endpoints throw <see cref="ApiProblem"/>;
/// the use cases' <see cref="AccessDeniedException"/> and <see cref="ValidationFailedException"/> are
/// translated by <see cref="ApiErrorFilter"/>, so every refusal has the contract's shape.
/// </summary>
internal static class ApiErrors
{
    public const string NotSignedIn = "Vous devez vous connecter ou vous inscrire pour continuer.";
    public const string DefaultForbidden = "Vous n’avez pas les droits suffisants pour accéder à cette page ou effectuer cette action";
    public const string OrganisationForbidden = "Vous n’avez pas les droits suffisants pour accéder à cette organisation";
    public const string UserShowForbidden = "Vous n’avez pas les droits suffisants pour voir cette fiche usager. Elle appartient peut-être à une autre organisation.";
    public const string UserUpdateForbidden = "Vous n’avez pas les droits suffisants pour modifier cette fiche usager";
    public const string TooManyCalls = "Limite d'appels API atteinte. Merci de patienter.\n";

    public static ApiProblem Unauthorized() => new(401, w => Errors(w, NotSignedIn));

    public static ApiProblem Forbidden(string message) => new(403, w =>
    {
        w.WriteStartArray("errors");
        w.WriteStartObject();
        w.WriteString("base", "forbidden");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("error_messages");
        w.WriteStringValue(message);
        w.WriteEndArray();
    });

    /// <summary>404 form A: <c>{"not_found":"absence"}</c>.</summary>
    public static ApiProblem NotFound(string kind) => new(404, w => w.WriteString("not_found", kind));

    /// <summary>404 form B: <c>{"success":false,"errors":["Couldn't find Organisation with 'id'=999"]}</c>.</summary>
    public static ApiProblem NotFoundRecord(string model, string id) => Failure(404, $"Couldn't find {model} with 'id'={id}");

    public static ApiProblem NotFoundRecord(string message) => Failure(404, message);

    /// <summary>422 for a missing required parameter.</summary>
    public static ApiProblem MissingParameter(string name) => Failure(422, $"param is missing or the value is empty: {name}");

    /// <summary>422 with a business message and no attribute errors (DELETE /user_profiles).</summary>
    public static ApiProblem Business(string message) => new(422, w =>
    {
        w.WriteBoolean("success", false);
        w.WriteStartObject("errors");
        w.WriteEndObject();
        w.WriteStartArray("error_messages");
        w.WriteStringValue(message);
        w.WriteEndArray();
    });

    /// <summary>422 validation: <c>{"success":false,"errors":{"attr":[{"error":"…"}]},"error_messages":["attr …"]}</c>.</summary>
    public static ApiProblem Invalid(IReadOnlyDictionary<string, string[]> errors, int status = 422) => new(status, w =>
    {
        w.WriteBoolean("success", false);
        w.WriteStartObject("errors");
        foreach (var (attribute, messages) in errors)
        {
            w.WriteStartArray(attribute);
            foreach (var message in messages)
            {
                w.WriteStartObject();
                w.WriteString("error", message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("error_messages");
        foreach (var (attribute, messages) in errors)
            foreach (var message in messages) w.WriteStringValue($"{attribute} {message}");
        w.WriteEndArray();
    });

    /// <summary>422 for a value already used, with the value and (when the caller may know it) the owner's id (§1.8).</summary>
    public static ApiProblem Taken(string attribute, string? value, long? ownerId) => new(422, w =>
    {
        w.WriteBoolean("success", false);
        w.WriteStartObject("errors");
        w.WriteStartArray(attribute);
        w.WriteStartObject();
        w.WriteString("error", "est déjà utilisé(e)");
        w.WriteString("value", value);
        if (ownerId is { } id) w.WriteNumber("id", id);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("error_messages");
        w.WriteStringValue($"{attribute} est déjà utilisé(e)");
        w.WriteEndArray();
    });

    public static ApiProblem Invalid(string attribute, string message) => Invalid(new Dictionary<string, string[]> { [attribute] = [message] });

    /// <summary>A request the server cannot read at all (malformed JSON, unsupported body): 400/413/415.</summary>
    public static ApiProblem Failure(int status, string message) => new(status, w =>
    {
        w.WriteBoolean("success", false);
        Errors(w, message);
    });

    private static void Errors(Utf8JsonWriter w, string message)
    {
        w.WriteStartArray("errors");
        w.WriteStringValue(message);
        w.WriteEndArray();
    }

    /// <summary>Validator property names (PascalCase) become the API's attribute names (snake_case).</summary>
    public static IReadOnlyDictionary<string, string[]> Attributes(IReadOnlyDictionary<string, string[]> errors) =>
        errors.GroupBy(e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Key.Split('.', '[')[0]))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
}

/// <summary>A refusal with its status and the body's members (written inside one JSON object).</summary>
internal sealed class ApiProblem(int status, Action<Utf8JsonWriter> members) : Exception($"API {status}")
{
    public int Status { get; } = status;

    public Task WriteAsync(HttpContext http) =>
        ApiJsonResult.WriteAsync(http, Status, w =>
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        });
}

/// <summary>The 403 message of an endpoint when it differs from the default one (REFERENCE-API §1.8).</summary>
internal sealed record ForbiddenMessage(string Text);

/// <summary>
/// Translates refusals into the contract's bodies: 401 when nobody is signed in, 403 for a policy's
/// refusal, 422 for a validator's messages, and the endpoint's own <see cref="ApiProblem"/>s.
/// </summary>
internal static class ApiErrorFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (ApiProblem problem)
        {
            await problem.WriteAsync(http);
        }
        catch (AccessDeniedException denied) when (denied.Reason == AccessDenial.NotSignedIn)
        {
            await ApiErrors.Unauthorized().WriteAsync(http);
        }
        catch (AccessDeniedException)
        {
            var message = http.GetEndpoint()?.Metadata.GetMetadata<ForbiddenMessage>()?.Text ?? ApiErrors.DefaultForbidden;
            await ApiErrors.Forbidden(message).WriteAsync(http);
        }
        catch (ValidationFailedException invalid)
        {
            await ApiErrors.Invalid(ApiErrors.Attributes(invalid.Errors)).WriteAsync(http);
        }
        return Results.Empty;
    }
}

/// <summary>Writes compact UTF-8 JSON with the API's encoder (non-ASCII raw), <c>application/json; charset=utf-8</c>.</summary>
internal static class ApiJsonResult
{
    public static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write, string contentType = "application/json; charset=utf-8")
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        await using (var writer = new Utf8JsonWriter(buffer, RdvSP.Infrastructure.Api.ApiJson.WriterOptions)) write(writer);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }

    public static IResult Json(int status, Action<Utf8JsonWriter> write) => new WrittenResult(status, write);

    /// <summary><c>{"root": &lt;already serialised object&gt;}</c>.</summary>
    public static IResult Object(string root, string objectJson) => Json(200, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName(root);
        w.WriteRawValue(objectJson, skipInputValidation: true);
        w.WriteEndObject();
    });

    private sealed class WrittenResult(int status, Action<Utf8JsonWriter> write) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, write);
    }
}
