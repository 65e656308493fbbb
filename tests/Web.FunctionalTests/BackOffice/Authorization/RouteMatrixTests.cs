using System.Globalization;
using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Authorization;

/// <summary>
/// Issue 8, acceptance 2: every back-office route and verb, read from the app's own route table,
/// requested as (a) anonymous, (b) an agent of another organisation, (c) a basic agent outside the
/// service, (d) a signed-in usager. Each gets the sign-in redirect or 403/404 and the database does not
/// change; (c) may use the organisation's shared screens but never sees the other service's RDV. A new
/// route whose page forgets its use case (and so its policy) answers 200 to (b) and fails here; a new
/// route parameter without a value below fails here too.
/// </summary>
[TestFixture]
public sealed class RouteMatrixTests
{
    /// <summary>The agent's own account area.</summary>
    private const string AgentAccountPrefix = "agents/";

    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    [Test]
    public async Task Every_back_office_route_refuses_whoever_may_not_use_it_and_writes_nothing()
    {
        var routes = await BackOfficeRoutesAsync();
        routes.Should().Contain(r => r.Template == "admin/organisations/{organisationId:long}");
        var values = await RouteValuesAsync();

        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var otherOrganisation = await factory.SignedInAgentAsync(world.AdminB.Email);
        using var otherService = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        using var usager = await factory.SignedInClientAsync(world.UsagerAEmail, BackOfficeWorld.Password);
        var agentTokens = new Dictionary<HttpClient, string>
        {
            [otherOrganisation] = HtmlForms.AntiforgeryToken(await otherOrganisation.GetStringAsync("/admin/organisations")),
            [otherService] = HtmlForms.AntiforgeryToken(await otherService.GetStringAsync("/admin/organisations")),
        };
        var before = await FingerprintAsync();

        var failures = new List<string>();
        var sent = 0;
        foreach (var route in routes)
        {
            var url = Fill(route.Template, values, failures);
            if (url is null) continue;
            foreach (var (verb, handler) in route.Handlers)
            {
                var target = handler is null ? url : $"{url}?handler={handler}";
                // Without an organisation in the URL the agent acts on himself (his home, account, preferences).
                var ownAccount = !route.Parameters.Contains("organisationId");
                Check("anonymous", await SendAsync(anonymous, verb, target, null), mustBeRefused: true);
                Check("usager", await SendAsync(usager, verb, target, null), mustBeRefused: true);
                if (ownAccount) continue;
                Check("agent of organisation B", await SendAsync(otherOrganisation, verb, target, agentTokens[otherOrganisation]), mustBeRefused: true);
                var namesPmiResource = route.Parameters.Any(p => p is "agentId" or "rdvId" or "participationId" or "motifId" or "plageOuvertureId" or "absenceId" or "webhookEndpointId");
                Check("basic agent of the Social service", await SendAsync(otherService, verb, target, agentTokens[otherService]), mustBeRefused: namesPmiResource);

                void Check(string who, (int Status, string? Location, string Body) answer, bool mustBeRefused)
                {
                    sent++;
                    var line = $"{verb} /{target} as {who}: {answer.Status} {answer.Location}";
                    if (answer.Status >= 500) failures.Add(line + " (server error)");
                    else if (mustBeRefused && !IsRefusal(answer)) failures.Add(line + " (not refused)");
                    else if (answer.Body.Contains(BackOfficeWorld.PmiRdvMarker, StringComparison.Ordinal)) failures.Add(line + " (shows the PMI RDV)");
                }
            }
        }

        TestContext.Out.WriteLine($"{sent} requests on {routes.Count} back-office routes");
        failures.Should().BeEmpty();
        (await FingerprintAsync()).Should().Be(before, "no refused request may write anything");
    }

    private static bool IsRefusal((int Status, string? Location, string Body) answer) =>
        answer.Status is 403 or 404
        || (answer.Status == 302 && answer.Location is { } location && location.Contains("/agents/sign_in", StringComparison.Ordinal));

    private static async Task<(int Status, string? Location, string Body)> SendAsync(HttpClient client, string verb, string url, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(verb), "/" + url);
        if (verb != "GET")
            request.Content = new FormUrlEncodedContent(token is null ? [] : [new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Route values: organisation A and its PMI resources (those a Social agent may not touch).</summary>
    private async Task<Dictionary<string, string>> RouteValuesAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from booking.participations where rdv_id = @rdv", connection);
        command.Parameters.AddWithValue("rdv", world.PmiRdvA);
        var participation = (long)(await command.ExecuteScalarAsync())!;
        static string S(long id) => id.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["organisationId"] = S(world.OrganisationA),
            ["agentId"] = S(world.PmiAgentA.Id),
            ["rdvId"] = S(world.PmiRdvA),
            ["participationId"] = S(participation),
            ["userId"] = S(world.UsagerA),
            ["motifId"] = S(world.PmiMotifA),
            ["lieuId"] = S(world.LieuA),
            ["plageOuvertureId"] = S(world.PlagePmiAgentA),
            ["absenceId"] = S(world.AbsencePmiAgentA),
            ["webhookEndpointId"] = S(world.WebhookEndpointA),
        };
    }

    private static string? Fill(string template, Dictionary<string, string> values, List<string> failures)
    {
        var pattern = RoutePatternFactory.Parse(template);
        var url = template;
        foreach (var parameter in pattern.Parameters)
        {
            if (!values.TryGetValue(parameter.Name, out var value))
            {
                failures.Add($"/{template}: no test value for route parameter '{parameter.Name}' (use the names of BACKOFFICE routes or add one here)");
                return null;
            }
            var start = url.IndexOf("{" + parameter.Name, StringComparison.Ordinal);
            var end = url.IndexOf('}', start);
            url = url[..start] + value + url[(end + 1)..];
        }
        return url;
    }

    private sealed record Route(string Template, IReadOnlyList<(string Verb, string? Handler)> Handlers, IReadOnlyList<string> Parameters);

    /// <summary>Every page and endpoint under /admin and /agents that needs a signed-in agent.</summary>
    private async Task<List<Route>> BackOfficeRoutesAsync()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var routes = new List<Route>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!template.StartsWith("admin", StringComparison.Ordinal) && !template.StartsWith(AgentAccountPrefix, StringComparison.Ordinal)) continue;
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                if (compiled.EndpointMetadata.OfType<IAllowAnonymous>().Any()) continue;
                var handlers = compiled.HandlerMethods.Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name)).DefaultIfEmpty(("GET", null)).Distinct().ToList();
                routes.Add(new Route(template, handlers, parameters));
            }
            else
            {
                if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue;
                var verbs = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                routes.Add(new Route(template, verbs.Select(v => (v, (string?)null)).ToList(), parameters));
            }
        }
        return routes;
    }

    /// <summary>A digest of every row the back-office can write (sessions and sign-in times excluded: signing in writes them).</summary>
    private static async Task<string> FingerprintAsync()
    {
        string[] tables =
        [
            "booking.rdvs", "booking.participations", "booking.agents_rdvs", "usagers.users", "usagers.user_profiles",
            "usagers.referent_assignations", "organisations.agents", "organisations.agent_roles", "organisations.agent_services",
            "organisations.motifs", "organisations.lieux", "organisations.organisations", "availability.plage_ouvertures",
            "availability.absences", "notifications.outbox", "webhooks.endpoints",
        ];
        var sql = string.Join(" union all ", tables.Select(t => $"select '{t}' as t, count(*) as n, coalesce(sum(hashtext(x::text)::bigint), 0) as h from {t} x"));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync()) parts.Add($"{reader.GetString(0)}:{reader.GetInt64(1)}:{reader.GetDecimal(2)}");
        return string.Join(' ', parts);
    }
}
