using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.TestKit;
using RdvSP.Web.FunctionalTests.Booking;

namespace RdvSP.Web.FunctionalTests.Foundation;

/// <summary>
/// Issue 7, acceptance 2: malformed requests built from the app's own route table (every page and
/// API endpoint, every bound parameter found in the endpoint metadata) never answer 5xx, anonymous or
/// signed in as a usager, and never book or move an rdv.
/// </summary>
[TestFixture]
public sealed class FuzzTests : JourneyFixture
{
    /// <summary>Values as sent on the wire (already percent-encoded where that is the point).</summary>
    private static readonly string[] Hostile =
    [
        "%00", "a%00b", new string('x', 10_000), "9999-12-31", "0001-01-01", "9999-12-31T23%3A59%3A59Z", "-1", "0",
        "99999999999999999999", "85899347", "abc", "%25", "%", "%27%3B%20drop%20table%20booking.rdvs%3B%20--",
        "%ED%A0%80", "%F0%9F%98%80", "%C3%28", "%01", "%0D%0A", "NaN", "1e309", "",
    ];

    private static readonly string[] WrongVerbs = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"];

    private BanStubServer ban = null!;
    private FakeSmtpServer smtp = null!;

    protected override RdvspWebFactory Configure(RdvspWebFactory factory)
    {
        ban = new BanStubServer().WithAddress("12 Rue de la République 26000 Valence", "26362", "26, Drôme, Auvergne-Rhône-Alpes", "26362_7890_00012", 44.9334, 4.8924);
        smtp = FakeSmtpServer.Start();
        return factory
            .WithSetting("BAN_API_URL", ban.BaseUrl)
            .WithSmtp(smtp, sendFromWeb: false)
            .WithSetting("RATE_LIMIT_LOGIN_PER_MINUTE", "100000");
    }

    [TearDown]
    public async Task StopFakes()
    {
        await ban.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Test]
    public async Task MalformedRequests_OnEveryRoute_NeverAnswer5xx_AndBookNothing()
    {
        var usager = await World.AddUsagerAsync("fuzz@example.fr");
        var relative = await World.AddUsagerAsync("proche@example.fr", "Lou", "Durand", responsibleId: usager);
        using var signedIn = await Factory.SignedInClientAsync("fuzz@example.fr");
        var bookedAt = ParisTime(2027, 3, 4, 9);
        var booked = await signedIn.PostFormAsync(WizardUrl(3, bookedAt, usager), []);
        var rdvId = long.Parse(booked.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);
        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false });
        var routes = await RoutesAsync();
        var baseline = Baseline(usager, relative, rdvId);
        var requests = routes.SelectMany(r => Requests(r, baseline)).ToList();

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        foreach (var (client, tokenPage) in new[] { (anonymous, "/users/sign_in"), (signedIn, "/users/rdvs") })
        {
            var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync(tokenPage));
            // Signed out, a usager page answers the sign-in redirect before binding anything: a sample is enough.
            foreach (var request in requests.Where(r => client == signedIn || !r.SignedInOnly || r.Value is null or "%00"))
            {
                using var response = await client.SendAsync(request.ToMessage(token));
                sent++;
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{(int)response.StatusCode} {request}{(client == signedIn ? " (usager)" : " (anonymous)")}");
            }
        }

        TestContext.Out.WriteLine($"{sent} requests on {routes.Count} routes; statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        sent.Should().BeGreaterThanOrEqualTo(500);
        requests.Should().Contain(r => r.Is("GET", "/prendre_rdv", "departement", "%00"))
            .And.Contain(r => r.Is("GET", "/prendre_rdv", "date", "9999-12-31"))
            .And.Contain(r => r.Is("GET", $"/users/rdvs/{rdvId}/creneaux", "date", "9999-12-31"))
            .And.Contain(r => r.Is("GET", "/users/rdv_wizard_step", "starts_at", "0001-01-01"))
            .And.Contain(r => r.Is("POST", "/users/rdv_wizard_step", "starts_at", "9999-12-31T23%3A59%3A59Z"))
            .And.Contain(r => r.Is("GET", $"/users/rdvs/{rdvId}/edit", "starts_at", "0001-01-01"))
            .And.Contain(r => r.Is("POST", $"/users/rdvs/{rdvId}/edit", "starts_at", "0001-01-01"))
            .And.Contain(r => r.Method == "POST" && r.Path == "/users/rdv_wizard_step" && r.Missing == "starts_at")
            .And.Contain(r => r.Is("GET", "/users/rdvs", "page", "85899347"))
            .And.Contain(r => r.Method == "TRACE" && r.Path == "/");
        string.Join('\n', failures).Should().BeEmpty($"none of the {sent} malformed requests may answer 5xx");
        (await signedIn.GetAsync("/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK, "the usager stayed signed in throughout");
        (await CountRdvsAsync()).Should().Be(1, "the fuzz never books");
        (await CountRdvsAsync($"id = {rdvId} and starts_at = '{Iso(bookedAt)}' and status = 'unknown'")).Should().Be(1, "nor moves or cancels");
    }

    private Dictionary<string, string> Baseline(long usager, long relative, long rdvId) => new(StringComparer.OrdinalIgnoreCase)
    {
        // Plausible values, so each hostile one is tried beside real ids; the slot is a Saturday (never bookable).
        ["address"] = Uri.EscapeDataString("12 Rue de la République 26000 Valence"),
        ["departement"] = "26",
        ["city_code"] = "26362",
        ["street_ban_id"] = "26362_7890",
        ["latitude"] = "44.93",
        ["longitude"] = "4.89",
        ["service_id"] = Id(World.ServiceId),
        ["motif_name_with_location_type"] = "consultation_prenatale-public_office",
        ["lieu_id"] = Id(World.LieuId),
        ["user_selected_organisation_id"] = Id(World.OrganisationId),
        ["public_link_organisation_id"] = Id(World.OrganisationId),
        ["organisationId"] = Id(World.OrganisationId),
        ["territory"] = "26",
        ["externalId"] = "ext-1",
        ["slug"] = "mds-test",
        ["date"] = "2027-03-06",
        ["step"] = "3",
        ["motif_id"] = Id(MotifId),
        ["starts_at"] = Uri.EscapeDataString(Iso(ParisTime(2027, 3, 6, 9))),
        ["participant_ids"] = Id(usager),
        ["past"] = "1",
        ["page"] = "1",
        ["rdv-id"] = Id(rdvId),
        ["relative-id"] = Id(relative),
        ["code"] = "404",
        ["token"] = "jeton-inconnu",
        ["sent"] = "true",
        ["ReturnUrl"] = Uri.EscapeDataString("/users/rdvs"),
        ["Input.Token"] = "jeton-inconnu",
        ["Input.Email"] = "inconnu%40example.fr",
        ["Input.Password"] = "Mauvais-Mot-2027!",
        ["Input.FirstName"] = "Camille",
        ["Input.LastName"] = "Durand",
        ["Input.BirthName"] = "Martin",
        ["Input.BirthDate"] = "1990-05-01",
        ["Input.PhoneNumber"] = "0612345678",
        ["Input.Address"] = Uri.EscapeDataString("1 place de la Liberté 26000 Valence"),
        ["Input.AddressDetails"] = "B",
        ["Input.NotifyByEmail"] = "true",
        ["Input.NotifyBySms"] = "false",
        ["annee"] = "2027",
        ["q"] = Uri.EscapeDataString("12 Rue de la République"),
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every route of the app with the verbs it serves and the parameters it binds, read from its endpoint metadata.</summary>
    private async Task<List<Route>> RoutesAsync()
    {
        var loader = Factory.Services.GetRequiredService<PageLoader>();
        var routes = new List<Route>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var routeNames = pattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var parameters = new List<Parameter>();
            string[] verbs;
            var signedInOnly = false;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                signedInOnly = compiled.EndpointMetadata.OfType<IAuthorizeData>().Any();
                verbs = compiled.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).DefaultIfEmpty("GET").Distinct().ToArray();
                foreach (var p in compiled.HandlerMethods.SelectMany(h => h.Parameters))
                    parameters.AddRange(Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, p.BindingInfo?.BindingSource, routeNames));
                foreach (var p in compiled.BoundProperties)
                    parameters.AddRange(Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, p.BindingInfo?.BindingSource, routeNames));
            }
            else
            {
                verbs = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"];
                foreach (var p in endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
                    if (IsSimple(p.ParameterType))
                        parameters.AddRange(Expand(p.Name!, p.ParameterType, BindingSource.Query, routeNames));
            }
            routes.Add(new Route(pattern.RawText!, verbs, signedInOnly, parameters.DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList()));
        }
        routes.Should().Contain(r => r.Template.Contains("rdv_wizard_step")).And.Contain(r => r.Template.Contains("api/v1/jours_feries"));
        return routes;
    }

    private static IEnumerable<Parameter> Expand(string name, Type type, BindingSource? source, HashSet<string> routeNames)
    {
        if (type == typeof(CancellationToken) || source == BindingSource.Services || source == BindingSource.Special) yield break;
        if (routeNames.Contains(name)) yield return new Parameter(name, Where.Route);
        else if (IsSimple(type) || IsList(type)) yield return new Parameter(name, source == BindingSource.Query ? Where.Query : Where.Either);
        else
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
                yield return new Parameter($"{name}.{property.Name}", Where.Either);
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly);
    }

    private static bool IsList(Type type) => type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var e] && IsSimple(e);

    /// <summary>For each served verb: each parameter set to each hostile value, then left out; route values tampered; wrong verbs.</summary>
    private static IEnumerable<FuzzRequest> Requests(Route route, IReadOnlyDictionary<string, string> baseline)
    {
        string RouteValue(string name, string template) =>
            name == "id" ? baseline[template.Contains("relatives", StringComparison.Ordinal) ? "relative-id" : "rdv-id"]
            : baseline.TryGetValue(name, out var v) ? v : "x";
        var routeParameters = route.Parameters.Where(p => p.Where == Where.Route).ToList();
        var bound = route.Parameters.Where(p => p.Where != Where.Route).ToList();
        Dictionary<string, string> Values(string? tamperedName = null, string? tampered = null, string? missing = null) =>
            route.Parameters
                .Where(p => p.Name != missing && (p.Name == tamperedName || p.Where == Where.Route || baseline.ContainsKey(p.Name)))
                .ToDictionary(p => p.Name, p => p.Name == tamperedName ? tampered! : p.Where == Where.Route ? RouteValue(p.Name, route.Template) : baseline[p.Name]);

        foreach (var verb in route.Verbs)
        {
            foreach (var parameter in bound)
            {
                foreach (var value in Hostile)
                    yield return FuzzRequest.For(verb, route, Values(parameter.Name, value), parameter.Name, value);
                yield return FuzzRequest.For(verb, route, Values(missing: parameter.Name), missing: parameter.Name);
            }
            // Kestrel answers 400 itself to a NUL in the path (the test server refuses to send one).
            foreach (var parameter in routeParameters)
                foreach (var value in Hostile.Where(v => v.Length > 0 && !v.Contains("%00", StringComparison.Ordinal)))
                    yield return FuzzRequest.For(verb, route, Values(parameter.Name, value), parameter.Name, value);
            if (verb == "GET")
            {
                yield return FuzzRequest.For("GET", route, Values());
                yield return FuzzRequest.For("HEAD", route, Values());
            }
            // A post that changes nothing malformed is only sent without its antiforgery token.
            if (verb == "POST") yield return FuzzRequest.For("POST", route, Values(), withToken: false);
        }
        foreach (var verb in WrongVerbs.Concat(new[] { "GET", "POST" }.Except(route.Verbs)))
            yield return FuzzRequest.For(verb, route, Values());
    }

    private enum Where { Route, Query, Either }

    private sealed record Parameter(string Name, Where Where);

    private sealed record Route(string Template, string[] Verbs, bool SignedInOnly, List<Parameter> Parameters);

    private sealed record FuzzRequest(string Method, string Path, bool SignedInOnly, List<KeyValuePair<string, string>> Query, List<KeyValuePair<string, string>>? Form, bool WithToken, string? Tampered, string? Value, string? Missing)
    {
        public static FuzzRequest For(string method, Route route, Dictionary<string, string> values, string? tampered = null, string? value = null, string? missing = null, bool withToken = true)
        {
            var path = "/" + string.Join('/', route.Template.TrimStart('/').Split('/').Select(segment => Segment(segment, values)).Where(s => s.Length > 0));
            var inForm = method is "POST" or "PUT" or "PATCH";
            var query = new List<KeyValuePair<string, string>>();
            var form = inForm ? new List<KeyValuePair<string, string>>() : null;
            foreach (var parameter in route.Parameters.Where(p => p.Where != Where.Route && values.ContainsKey(p.Name)))
                (parameter.Where == Where.Query || form is null ? query : form).Add(new(parameter.Name, values[parameter.Name]));
            return new FuzzRequest(method, path, route.SignedInOnly, query, form, withToken && form is not null, tampered, value, missing);
        }

        private static string Segment(string segment, Dictionary<string, string> values)
        {
            if (!segment.StartsWith('{')) return segment;
            var name = segment.Trim('{', '}').Split(':', '?', '=')[0].TrimStart('*');
            return values.TryGetValue(name, out var v) ? v : "";
        }

        public bool Is(string method, string path, string parameter, string value) =>
            Method == method && Path == path && Tampered == parameter && Value == value;

        public HttpRequestMessage ToMessage(string token)
        {
            var url = Query.Count == 0 ? Path : Path + "?" + string.Join('&', Query.Select(kv => $"{kv.Key}={kv.Value}"));
            var message = new HttpRequestMessage(new HttpMethod(Method), url);
            if (Form is not null)
            {
                var body = Form.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={kv.Value}").ToList();
                if (WithToken) body.Add($"__RequestVerificationToken={Uri.EscapeDataString(token)}");
                message.Content = new StringContent(string.Join('&', body), Encoding.UTF8, "application/x-www-form-urlencoded");
            }
            return message;
        }

        public override string ToString()
        {
            var what = Tampered is not null ? $" {Tampered}={(Value!.Length > 40 ? Value[..40] + "…" : Value)}" : Missing is not null ? $" without {Missing}" : "";
            return $"{Method} {Path}{what}{(Form is not null && !WithToken ? " (no antiforgery token)" : "")}";
        }
    }
}
