using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RdvSP.Application.Api.Authentication;
using RdvSP.Application.Identity.Common;
using RdvSP.Web.Http;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// The API's two schemes (REFERENCE-API §1.2): device tokens (<c>access-token</c>, <c>client</c>, <c>uid</c>
/// headers, or the same query parameters) and, only when <c>SHARED_SECRET_FOR_AGENTS_AUTH</c> is
/// configured, the partner's HMAC signature of the agent (<c>uid</c> + <c>X-Agent-Auth-Signature</c>).
/// Success only names the acting agent (the same claims as the back-office cookie, so
/// <see cref="RdvSP.Application.Common.Authorization.ICurrentActor"/> sees him); what he may do is
/// decided by the use cases' policies. A refusal is the contract's 401 JSON.
/// </summary>
internal sealed class ApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IApiTokenStore tokens, IConfiguration configuration, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "api";
    public const string Policy = "api";
    public const string SignatureHeader = "X-Agent-Auth-Signature";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var uid = Credential("uid");
        if (Request.Headers.ContainsKey(SignatureHeader)) return await SharedSecretAsync(uid);

        var token = Credential("access-token");
        var client = Credential("client");
        if (token is null || client is null || uid is null) return AuthenticateResult.NoResult();
        if (token.Length > 200 || client.Length > 100 || uid.Length > 320) return AuthenticateResult.Fail("malformed credentials");
        var agent = await tokens.FindAsync(uid, client, SecretToken.Hash(token), clock.GetUtcNow(), Context.RequestAborted);
        if (agent is null) return AuthenticateResult.Fail("unknown or expired token");
        SetAuthHeaders(Response, token, client, uid, agent.TokenExpiresAt!.Value);
        return Success(agent.Id, client);
    }

    /// <summary>The headers of a token-authenticated answer (devise_token_auth's, the token never rotates).</summary>
    public static void SetAuthHeaders(HttpResponse response, string token, string client, string uid, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["access-token"] = token;
        response.Headers["token-type"] = "Bearer";
        response.Headers["client"] = client;
        response.Headers["expiry"] = expiry;
        response.Headers["uid"] = uid;
        var bearer = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["access-token"] = token, ["token-type"] = "Bearer", ["client"] = client, ["expiry"] = expiry, ["uid"] = uid,
        });
        response.Headers.Authorization = "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes(bearer));
    }

    private string? Credential(string name)
    {
        var header = Request.Headers[name].FirstOrDefault();
        if (!string.IsNullOrEmpty(header)) return header;
        var query = Request.Query[name].FirstOrDefault();
        return string.IsNullOrEmpty(query) ? null : query;
    }

    private async Task<AuthenticateResult> SharedSecretAsync(string? uid)
    {
        var secret = configuration["SHARED_SECRET_FOR_AGENTS_AUTH"];
        var signature = Request.Headers[SignatureHeader].FirstOrDefault() ?? "";
        if (string.IsNullOrEmpty(secret) || uid is null || uid.Length > 320) return AuthenticateResult.Fail("shared secret refused");
        var agent = await tokens.FindAgentAsync(uid, Context.RequestAborted);
        var expected = agent is null ? "" : ExpectedSignature(secret, agent);
        // Constant time, and the same work whether the agent exists or not.
        var same = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(signature)));
        return agent is not null && same ? Success(agent.Id, "shared-secret") : AuthenticateResult.Fail("shared secret refused");
    }

    /// <summary>Hex HMAC-SHA256 of the Rails JSON of the agent: id, first_name, last_name, email in this order.</summary>
    internal static string ExpectedSignature(string secret, ApiAgent agent)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("id", agent.Id);
            if (agent.FirstName is null) w.WriteNull("first_name"); else w.WriteString("first_name", agent.FirstName);
            if (agent.LastName is null) w.WriteNull("last_name"); else w.WriteString("last_name", agent.LastName);
            w.WriteString("email", agent.Email);
            w.WriteEndObject();
        }
        // ActiveSupport's encoder escapes what the relaxed encoder leaves raw.
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan)
            .Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal)
            .Replace("&", "\\u0026", StringComparison.Ordinal);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(json)));
    }

    private AuthenticateResult Success(long agentId, string device)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, agentId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimsPrincipalExtensions.ActorKindClaim, ClaimsPrincipalExtensions.AgentKind),
                new Claim(ClaimsPrincipalExtensions.SessionIdClaim, "api:" + device),
            ],
            SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiErrors.Unauthorized().WriteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiErrors.Forbidden(ApiErrors.DefaultForbidden).WriteAsync(Context);
}
