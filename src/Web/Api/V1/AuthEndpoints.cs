using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using RdvSP.Application.Api.Authentication;
using RdvSP.Application.Identity.Common;
using RdvSP.Web.Http;

namespace RdvSP.Web.Api.V1;

/// <summary>devise_token_auth's routes (REFERENCE-API §1.2): sign in, validate a token, sign out.</summary>
internal static class AuthEndpoints
{
    private const string InvalidCredentials = "Mot de passe ou identifiant invalide.";

    public static RouteGroupBuilder MapApiAuth(this RouteGroupBuilder v1)
    {
        var auth = v1.MapGroup("/auth").AddEndpointFilter(ApiErrorFilter.InvokeAsync).WithTags("Authentification");

        auth.MapPost("/sign_in", SignInAsync)
            .WithSummary("Connexion d'un agent (e-mail et mot de passe) : renvoie les en-têtes access-token, client, uid, expiry");
        auth.MapGet("/sign_in", () => Failure(405, "Utilisez POST /sign_in pour la connexion. GET n'est pas supporté."))
            .WithSummary("Non supporté (405)");
        auth.MapGet("/validate_token", ValidateAsync).WithSummary("Vérifie les en-têtes d'authentification et renvoie l'agent");
        auth.MapDelete("/sign_out", SignOutAsync).WithSummary("Déconnexion : le jeton du client est supprimé");
        return v1;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ISender sender)
    {
        var parameters = await ApiParameters.ReadAsync(http);
        var email = parameters.Text("email", 320) ?? http.Request.Headers["email"].FirstOrDefault() ?? "";
        var password = parameters.Text("password", 1024) ?? http.Request.Headers["password"].FirstOrDefault() ?? "";
        parameters.ThrowIfInvalid();
        var result = await sender.Send(new ApiSignInCommand(email, password, http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        if (result.IsFailure)
        {
            if (result.Error.Code != IdentityErrors.TooManyAttemptsCode) return Failure(401, InvalidCredentials);
            http.Response.Headers.RetryAfter = "60";
            return Failure(429, result.Error.Message);
        }
        var session = result.Value;
        ApiAuthenticationHandler.SetAuthHeaders(http.Response, session.AccessToken, session.Client, session.Agent.Email, session.ExpiresAt);
        return ApiJsonResult.Json(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            WriteAgent(w, session.Agent);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ValidateAsync(HttpContext http, IApiTokenStore tokens)
    {
        var result = await http.AuthenticateAsync(ApiAuthenticationHandler.SchemeName);
        if (!result.Succeeded || result.Principal.AgentId() is not { } agentId) return Failure(401, InvalidCredentials);
        var uid = http.Response.Headers["uid"].ToString();
        var agent = await tokens.FindAgentAsync(uid, http.RequestAborted);
        if (agent is null || agent.Id != agentId) return Failure(401, InvalidCredentials);
        return ApiJsonResult.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            WriteAgent(w, agent);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IApiTokenStore tokens)
    {
        string? Header(string name) => http.Request.Headers[name].FirstOrDefault() is { Length: > 0 and <= 320 } v ? v : http.Request.Query[name].FirstOrDefault();
        var (token, client, uid) = (Header("access-token"), Header("client"), Header("uid"));
        var revoked = token is { Length: <= 200 } && client is { Length: <= 100 } && uid is { Length: <= 320 }
            && await tokens.RevokeAsync(uid, client, SecretToken.Hash(token), http.RequestAborted);
        if (!revoked) return Failure(404, "L'utilisateur est inconnu ou n'est pas connecté.");
        return ApiJsonResult.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteEndObject();
        });
    }

    /// <summary>A fixed whitelist of the agent's columns (the reference leaks the whole row).</summary>
    private static void WriteAgent(Utf8JsonWriter w, ApiAgent agent)
    {
        w.WriteStartObject();
        w.WriteNumber("id", agent.Id);
        w.WriteBoolean("allow_password_change", false);
        w.WriteString("email", agent.Email);
        if (agent.FirstName is null) w.WriteNull("first_name"); else w.WriteString("first_name", agent.FirstName);
        if (agent.LastName is null) w.WriteNull("last_name"); else w.WriteString("last_name", agent.LastName);
        w.WriteString("provider", "email");
        w.WriteString("uid", agent.Email);
        w.WriteEndObject();
    }

    private static IResult Failure(int status, string message) => ApiJsonResult.Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("success", false);
        w.WriteStartArray("errors");
        w.WriteStringValue(message);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
