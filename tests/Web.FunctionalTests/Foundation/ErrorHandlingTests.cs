using System.Net;
using System.Text.Json;
using FluentAssertions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Foundation;

/// <summary>Bad input gets a clear 4xx: French pages for people, RFC 7807 for the API; never a stack trace.</summary>
[TestFixture]
public sealed class ErrorHandlingTests
{
    private RdvspWebFactory factory = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        factory = new RdvspWebFactory();
        client = factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }

    [TestCase("/api/v1/jours_feries?annee=abc&departement=26", "annee")]
    [TestCase("/api/v1/jours_feries?departement=26", "annee")]
    public async Task Api_MalformedParameter_Is400ProblemDetailsInFrench(string url, string parameter)
    {
        var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("title").GetString().Should().Be("Requête invalide");
        problem.GetProperty("detail").GetString().Should().Contain("mal formée");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("   at ");
        _ = parameter;
    }

    [Test]
    public async Task Api_InvalidValue_Is400ValidationProblemWithFrenchMessagePerField()
    {
        var response = await client.GetAsync("/api/v1/jours_feries?annee=2027&departement=99");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errors").GetProperty("Departement")[0].GetString()
            .Should().Be("Le numéro de département n'est pas valide (exemples : 26, 2A, 974).");
    }

    [Test]
    public async Task Api_ValidRequest_AnswersJson()
    {
        var response = await client.GetAsync("/api/v1/jours_feries?annee=2027&departement=67");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var dates = body.GetProperty("jours_feries").EnumerateArray().Select(d => d.GetString()).ToList();
        dates.Should().Contain("2027-03-26", "Good Friday is a holiday in Alsace-Moselle");
        dates.Should().Contain("2027-03-29", "Easter Monday 2027");
    }

    [Test]
    public async Task Api_UnknownRoute_Is404ProblemDetails()
    {
        var response = await client.GetAsync("/api/v1/nexiste_pas");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().Should().Be("Page introuvable");
    }

    [Test]
    public async Task Api_MalformedJsonBody_Is4xxProblemDetails()
    {
        var response = await client.PostAsync("/api/v1/jours_feries", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).Should().BeInRange(400, 499);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Test]
    public async Task Page_Unknown_Is404FrenchPage()
    {
        var response = await client.GetAsync("/cette-page-nexiste-pas");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Page introuvable").And.Contain("lang=\"fr\"");
    }

    [Test]
    public async Task Page_PostWithoutAntiforgeryToken_Is400FrenchPage()
    {
        var response = await client.PostAsync("/", new FormUrlEncodedContent([new("address", "1 rue de Paris")]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Requête invalide");
    }

    [Test]
    public async Task Api_RefusedBoundValue_Is400ValidationProblemNamingTheParameter()
    {
        var response = await client.GetAsync("/api/v1/jours_feries?annee=2027&departement=2%006");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errors").GetProperty("departement")[0].GetString()
            .Should().Be("Le texte saisi contient des caractères non autorisés.");
    }

    // Issue 7, defect 6: only the verbs the app serves answer.

    [TestCase("/")]
    [TestCase("/prendre_rdv")]
    [TestCase("/css/nexiste-pas.css")]
    public async Task Page_Trace_Is405WithAllowAndFrenchPage(string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Trace, path));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("GET", "HEAD", "POST");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Méthode non autorisée").And.Contain("lang=\"fr\"");
    }

    [Test]
    public async Task Api_Trace_Is405ProblemDetailsWithAllow()
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/api/v1/jours_feries?annee=2027&departement=26"));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Contain("GET").And.NotContain("TRACE");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().Should().Be("Méthode non autorisée");
    }

    [Test]
    public async Task Page_VerbItHasNoHandlerFor_Is405WithThePagesVerbs()
    {
        var page = await client.GetStringAsync("/users/sign_in");
        var token = HtmlForms.AntiforgeryToken(page);

        var post = await client.PostAsync("/prendre_rdv", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var put = await client.PutAsync("/users/sign_in", new FormUrlEncodedContent([]));

        post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        post.Content.Headers.Allow.Should().Equal("GET", "HEAD");
        (await post.Content.ReadAsStringAsync()).Should().Contain("Méthode non autorisée");
        put.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task ErrorPage_OpenedDirectly_NeverReportsAServerError()
    {
        (await client.GetAsync("/Erreur/500")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/Erreur/403")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task UnexpectedFailure_Is500WithoutStackTrace_PageAndApi()
    {
        await using var failing = new RdvspWebFactory().WithServices(s =>
        {
            s.RemoveAll<ISender>();
            s.AddScoped<ISender, ExplodingSender>();
        });
        var failingClient = failing.CreateClient();

        var api = await failingClient.GetAsync("/api/v1/jours_feries?annee=2027&departement=26");

        api.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var apiBody = await api.Content.ReadAsStringAsync();
        apiBody.Should().Contain("Erreur interne").And.NotContain("ExplodingSender").And.NotContain("   at ");
    }

    [Test]
    public async Task SecurityHeaders_AreOnEveryPage()
    {
        var response = await client.GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.NotContain("unsafe-inline").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
        response.Headers.GetValues("Permissions-Policy").Single().Should().Contain("camera=()");
    }

    [Test]
    public async Task PublicPages_CanBeEmbeddedByConfiguredOrigins()
    {
        await using var embedded = new RdvspWebFactory().WithSetting("FRAME_ANCESTORS", "https://www.ladrome.fr");
        var response = await embedded.CreateClient().GetAsync("/prendre_rdv");

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'self' https://www.ladrome.fr");
        response.Headers.Contains("X-Frame-Options").Should().BeFalse();
    }

    [Test]
    public async Task RateLimit_Exceeded_Is429InFrench_InTheApiContractShape()
    {
        await using var limited = new RdvspWebFactory().WithSetting("RATE_LIMIT_API_PER_MINUTE", "2");
        var limitedClient = limited.CreateClient();

        for (var i = 0; i < 2; i++)
            (await limitedClient.GetAsync("/api/v1/jours_feries?annee=2027&departement=26")).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await limitedClient.GetAsync("/api/v1/jours_feries?annee=2027&departement=26");

        // /api/v1 answers the reference's 429 (REFERENCE-API §1.7), French text included.
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetString()
            .Should().Be("Limite d'appels API atteinte. Merci de patienter.\n");
        refused.Headers.GetValues("RateLimit-Limit").Single().Should().Be("2");
    }

    private sealed class ExplodingSender : ISender
    {
        private static InvalidOperationException Boom() => new("boom with internal details");
        public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) => throw Boom();
        public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) => throw Boom();
        public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) => throw Boom();
        public ValueTask<object?> Send(object message, CancellationToken cancellationToken = default) => throw Boom();
        public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) => throw Boom();
        public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) => throw Boom();
        public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) => throw Boom();
        public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) => throw Boom();
    }
}
