using Microsoft.AspNetCore.Authentication;
using RdvSP.Web.Http;

namespace RdvSP.Web.Api.V1;

internal static class ApiSetup
{
    /// <summary>REFERENCE-API §1.6: any origin, no DELETE, the auth headers exposed to browsers.</summary>
    public const string CorsPolicy = "api-v1";

    public static IServiceCollection AddApiV1(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiAuthenticationHandler>(ApiAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiAuthenticationHandler.Policy, policy => policy
            .AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ClaimsPrincipalExtensions.ActorKindClaim, ClaimsPrincipalExtensions.AgentKind));
        services.AddCors(options => options.AddPolicy(CorsPolicy, cors => cors
            .AllowAnyOrigin()
            .WithMethods("GET", "POST", "PATCH", "PUT")
            .AllowAnyHeader()
            .WithExposedHeaders("client", "uid", "access-token")));
        // The OpenAPI document of /api/v1, generated from the endpoints (served at /api-docs/v1/openapi.json).
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddOperationTransformer(ApiDocs.TransformAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "API v1 RDV Service Public";
                document.Info.Version = "v1";
                document.Info.Description = "API JSON des agents. Authentification : POST /api/v1/auth/sign_in (email, password), puis les en-têtes "
                    + "access-token, client et uid à chaque appel. Listes paginées par 100 (paramètre page, objet meta). "
                    + "Dates et heures : « AAAA-MM-JJ HH:MM:SS +HHMM », heure de Paris.";
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
