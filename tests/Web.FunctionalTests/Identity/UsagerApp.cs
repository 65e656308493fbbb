using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>
/// The app wired to a <see cref="FakeSmtpServer"/> and a fake clock, with the steps a usager takes
/// through the real pages (forms with antiforgery, links read from the received e-mails).
/// </summary>
public sealed partial class UsagerApp : IAsyncDisposable
{
    public const string BaseUrl = "http://localhost";
    public const string GoodPassword = "Cheval-Agrafe-42";

    private UsagerApp(FakeSmtpServer smtp, RdvspWebFactory factory)
    {
        Smtp = smtp;
        Factory = factory;
    }

    public FakeSmtpServer Smtp { get; }

    public RdvspWebFactory Factory { get; }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => Factory.Clock!;

    public static async Task<UsagerApp> StartAsync()
    {
        await TestDatabase.ResetAsync();
        var smtp = FakeSmtpServer.Start();
        return new UsagerApp(smtp, NewInstance(smtp.Host, smtp.Port).WithClock(DateTimeOffset.UtcNow));
    }

    /// <summary>
    /// Another instance of the app on the same database and Redis, sending through the same SMTP
    /// server (the e-mails of any instance are dispatched by any instance), on the real clock.
    /// </summary>
    public RdvspWebFactory NewInstance() => NewInstance(Smtp.Host, Smtp.Port);

    public static RdvspWebFactory NewInstance(string smtpHost, int smtpPort) => new RdvspWebFactory()
        .WithSetting("SMTP_HOST", smtpHost)
        .WithSetting("SMTP_PORT", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithSetting("APP_BASE_URL", BaseUrl)
        .WithSetting("OUTBOX_DISPATCH_IN_WEB", "true")
        .WithServices(s => s.AddTransient<IStartupFilter, TestClientIp>());

    /// <summary>A client of the app from its own (random, unless given) IP address, so attempt counters never leak between tests.</summary>
    public HttpClient NewClient(string? ip = null) => NewClient(Factory, ip);

    public static HttpClient NewClient(RdvspWebFactory factory, string? ip = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientIp.Header, ip ?? TestClientIp.Random());
        return client;
    }

    public static string NewEmail() => $"usager.{Guid.NewGuid():N}@exemple.fr";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>The page's text with HTML entities decoded, for comparing with French messages.</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string firstName, string lastName, string email) =>
        await PostAsync(client, "/users/sign_up", ("Input.FirstName", firstName), ("Input.LastName", lastName), ("Input.Email", email));

    /// <summary>The local path and query of the link to <paramref name="path"/> in the e-mail (text body).</summary>
    public static string LinkIn(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(BaseUrl + path) + @"\?token=[A-Za-z0-9_%-]+");
        match.Success.Should().BeTrue($"the e-mail \"{message.Subject}\" should carry a link to {path}");
        return match.Value[BaseUrl.Length..];
    }

    /// <summary>
    /// The latest e-mail with this subject to <paramref name="email"/>, waiting (bounded) for the
    /// outbox dispatcher: at least <paramref name="count"/> such e-mails, and none still queued for the address.
    /// </summary>
    public async Task<MimeMessage> LatestMessageToAsync(string email, string subject, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Smtp.MessagesTo(email).Count(m => m.Subject == subject) < count || await QueuedForAsync(email) > 0)
        {
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(50);
        }
        var message = Smtp.MessagesTo(email).LastOrDefault(m => m.Subject == subject);
        message.Should().NotBeNull($"an e-mail \"{subject}\" should have been sent to {email}");
        return message!;
    }

    /// <summary>E-mails to this address still waiting in the outbox.</summary>
    public static Task<long> QueuedForAsync(string email) =>
        ScalarAsync<long>("select count(*) from notifications.outbox where status = 'pending' and payload->>'To' = @p", email);

    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/users/sign_in" : $"/users/sign_in?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var fields = new List<(string, string)> { ("Input.Email", email), ("Input.Password", password) };
        if (returnUrl is not null) fields.Add(("ReturnUrl", returnUrl));
        return await PostAsync(client, url, [.. fields]);
    }

    /// <summary>Sign-up → confirmation e-mail → password chosen: an account ready to sign in. Returns the user id.</summary>
    public async Task<long> RegisterAsync(string firstName, string lastName, string email, string password = GoodPassword)
    {
        using var client = NewClient();
        (await SignUpAsync(client, firstName, lastName, email)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = LinkIn(await LatestMessageToAsync(email, "Instructions de confirmation"), "/users/confirmation");
        var confirmed = await PostAsync(client, link, ("Input.Token", TokenOf(link)), ("Input.Password", password));
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect, await TextAsync(confirmed));
        return await ScalarAsync<long>("select id from usagers.users where email = @p::citext", email);
    }

    /// <summary>A signed-in client of a new usager.</summary>
    public async Task<(HttpClient Client, long UserId, string Email)> SignedInUsagerAsync(string firstName = "Camille", string lastName = "Martin")
    {
        var email = NewEmail();
        var id = await RegisterAsync(firstName, lastName, email);
        var client = NewClient();
        (await SignInAsync(client, email, GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, id, email);
    }

    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    public static async Task<T> ScalarAsync<T>(string sql, object? p = null)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (p is not null) command.Parameters.AddWithValue("p", p);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
