using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using RdvSP.Web.Http;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Web.Http.BoundValues;
using Serilog;
using Serilog.Events;

namespace RdvSP.Web.Configuration;

internal static class WebSetup
{
    public const string PublicSearchPolicy = "public-search";
    public const string ApiPolicy = "api";
    public const string PublicLinksPolicy = "public-links";

    /// <summary>HttpContext item: the permits per minute of the policy applied (the RateLimit-Limit header of a 429).</summary>
    public const string PermitsItem = "rdvsp.rate-limit";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Must be an inline literal: the source generator reads it at compile time.
            // Outermost first: logging → authorisation → validation → transaction (commands only).
            options.PipelineBehaviors =
            [
                typeof(RdvSP.Application.Common.Behaviors.LoggingBehavior<,>),
                typeof(RdvSP.Application.Common.Authorization.AuthorizationBehavior<,>),
                typeof(RdvSP.Application.Common.Behaviors.ValidationBehavior<,>),
                typeof(RdvSP.Application.Common.Behaviors.TransactionBehavior<,>),
            ];
        });

        // French text is written as is (é, ê, «) instead of numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options =>
            {
                options.Conventions.ConfigureFilter(new ValidationFailedPageFilter());
                options.Conventions.ConfigureFilter(new BoundValuesPageFilter());
                options.Conventions.ConfigureFilter(new UnhandledRequestPageFilter());
                options.Conventions.ConfigureFilter(new AccessDeniedPageFilter());
                // The whole back-office needs a signed-in agent; what he may do there is decided by
                // the Application layer's policies (AuthorizationBehavior), not by the pages.
                options.Conventions.AuthorizeFolder("/Admin", AgentAuthentication.Policy);
                options.Conventions.AuthorizeFolder("/Agents", AgentAuthentication.Policy);
                options.Conventions.AllowAnonymousToPage("/Agents/SignIn");
                options.Conventions.AllowAnonymousToPage("/Agents/Password/New");
                options.Conventions.AllowAnonymousToPage("/Agents/Password/Edit");
                options.Conventions.AllowAnonymousToPage("/Agents/Invitation/Accept");
                // Public links of an organisation (REFERENCE-SURFACES §1.1): by our id or by the partner's external id.
                options.Conventions.AddPageRoute("/Public/PublicLink", "/org/{organisationId:long}/{slug?}");
                options.Conventions.AddPageRoute("/Public/PublicLink", "/org/ext/{territory}/{externalId}/{slug?}");
            })
            .AddMvcOptions(options =>
            {
                FrenchModelBindingMessages.Apply(options.ModelBindingMessageProvider);
                BoundValueBinderProvider.Register(options);
            });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "rdvsp.af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddProblemDetails(options =>
        {
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
                context.ProblemDetails.Title ??= ErrorTexts.TitleFor(context.ProblemDetails.Status ?? 500);
            };
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddAuthentication(AgentAuthentication.ByAreaScheme)
            .AddPolicyScheme(AgentAuthentication.ByAreaScheme, "Agent or usager, by area", options =>
                options.ForwardDefaultSelector = context => AgentAuthentication.IsBackOffice(context.Request.Path) ? AgentAuthentication.Scheme : UsagerAuthentication.Scheme)
            .AddCookie(AgentAuthentication.Scheme, options =>
            {
                options.Cookie.Name = "rdvsp.agent";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/agents/sign_in";
                options.AccessDeniedPath = "/Erreur/403";
                options.ExpireTimeSpan = SessionTimeouts.Agent;
                options.SlidingExpiration = true;
                options.Events = new SessionCookieEvents(SessionActor.Agent);
            })
            .AddCookie(UsagerAuthentication.Scheme, options =>
            {
                options.Cookie.Name = UsagerAuthentication.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/users/sign_in";
                options.AccessDeniedPath = "/Erreur/403";
                options.ExpireTimeSpan = SessionTimeouts.Usager;
                options.SlidingExpiration = true;
                // The cookie only names a server-side session; ending the session ends the cookie.
                options.Events = new SessionCookieEvents(SessionActor.Usager);
            });
        services.AddAuthorization(options => options.AddPolicy(AgentAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(AgentAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ClaimsPrincipalExtensions.ActorKindClaim, ClaimsPrincipalExtensions.AgentKind)));
        services.AddHttpContextAccessor();
        services.AddScoped<RdvSP.Application.Common.Authorization.ICurrentActor, HttpCurrentActor>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);

        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration));
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.Configure<SecurityHeadersOptions>(options =>
            options.FrameAncestors = configuration["FRAME_ANCESTORS"] ?? string.Empty);

        services.AddRateLimiter(options => ConfigureRateLimits(options, configuration));
        services.AddSingleton<SlotTakenPage>();
        services.AddOutputCache(options => options.AddPolicy(PublicPageOutputCachePolicy.Name, new PublicPageOutputCachePolicy()));
        RdvSP.Web.Api.V1.ApiSetup.AddApiV1(services);
        return services;
    }

    /// <summary>
    /// Scalingo's router terminates TLS and forwards the scheme and the client address. Those headers
    /// are believed only from the proxies named in FORWARDED_PROXY_NETWORKS (CIDRs, comma-separated;
    /// loopback when unset): from anyone else a forged X-Forwarded-For would choose the address that
    /// rate limits and throttles count.
    /// </summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        if (configuration["FORWARDED_PROXY_NETWORKS"] is not { Length: > 0 } networks) return;
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in networks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Contains('/', StringComparison.Ordinal) ? network : network + (network.Contains(':', StringComparison.Ordinal) ? "/128" : "/32")));
    }

    private static void ConfigureRateLimits(RateLimiterOptions options, IConfiguration configuration)
    {
        int Limit(string key, int fallback) => int.TryParse(configuration[key], out var v) ? v : fallback;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, token) => ErrorResponses.WriteTooManyRequestsAsync(context.HttpContext, context.Lease, token);
        AddPerIp(options, PublicSearchPolicy, Limit("RATE_LIMIT_PUBLIC_SEARCH_PER_MINUTE", 600));
        AddPerIp(options, ApiPolicy, Limit("RATE_LIMIT_API_PER_MINUTE", 600));
        // The reference's only API limit (REFERENCE-API §1.7): public links, 50 per minute per IP.
        AddPerIp(options, PublicLinksPolicy, Limit("RATE_LIMIT_PUBLIC_LINKS_PER_MINUTE", 50));
    }

    private static void AddPerIp(RateLimiterOptions options, string policy, int permitsPerMinute)
    {
        options.AddPolicy(policy, context =>
        {
            context.Items[PermitsItem] = permitsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
    }

    /// <summary>
    /// Error means someone must act: an unexpected 5xx. A 503 (dependency down: logged once by the
    /// outage monitor), a 4xx (the caller's mistake) and a cancelled request are routine lines.
    /// </summary>
    private static LogEventLevel RequestLogLevel(HttpContext http, double elapsedMs, Exception? exception) =>
        exception is not null && exception is not OperationCanceledException ? LogEventLevel.Error
        : http.Response.StatusCode >= 500 && http.Response.StatusCode != StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Error
        : LogEventLevel.Information;

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        // Outermost, so each request is logged once with the status the client really got (an API 400
        // raised as an exception is logged as 400, not as the 500 it would be before the handler).
        app.UseSerilogRequestLogging(options =>
        {
            // Path and status only: no query string, no body, no user identity.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = RequestLogLevel;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestId", http.TraceIdentifier);
                diagnostics.Set("ActorKind", http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst("actor_kind")?.Value ?? "user" : "anonymous");
            };
        });
        app.UseForwardedHeaders();
        // API: RFC 7807 bodies. Pages: the French error page, with the right status and no stack trace.
        app.UseWhen(RequestKind.IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages(ErrorResponses.WriteApiStatusCodeAsync);
        });
        app.UseWhen(context => !RequestKind.IsApi(context), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Erreur",
                StatusCodeSelector = ErrorResponses.StatusFor,
            });
            pages.UseStatusCodePagesWithReExecute("/Erreur/{0}");
        });
        // Inside the error handlers: PostgreSQL down is a 503 with Retry-After, logged once per outage.
        app.UseMiddleware<DependencyOutageMiddleware>();
        // Behind Scalingo's router every request must end on HTTPS; FORCE_HTTPS=false is for local load tests.
        var forceHttps = app.Configuration["FORCE_HTTPS"] is { } flag
            ? !string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase)
            : !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Test");
        if (forceHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        // Static files above only serve GET and HEAD; any other verb on them ends here too.
        app.UseMiddleware<AllowedMethodsMiddleware>();
        // CORS preflights of /api/v1 are answered before routing (no endpoint serves OPTIONS).
        app.UseMiddleware<RdvSP.Web.Api.V1.ApiPreflightMiddleware>();
        // Before the session, antiforgery and the page: a burst's losers are told "taken" at once.
        app.UseMiddleware<BookingBurstMiddleware>();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // After authentication: only anonymous visitors' pages are kept (PublicPageOutputCachePolicy).
        app.UseOutputCache();
        return app;
    }
}
