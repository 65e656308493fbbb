using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>
/// The back-office test territory with a fixed clock: Tuesday 9 March 2027, 09:00 in Paris. The world's
/// PMI plage runs weekdays 09:00–12:00 from Wednesday; its PMI RDV is on Thursday 11 March at 15:00 (Paris).
/// </summary>
public abstract partial class AgentRdvsFixture
{
    public static readonly DateTimeOffset Now = new(2027, 3, 9, 8, 0, 0, TimeSpan.Zero);
    protected static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    protected RdvspWebFactory Factory { get; private set; } = null!;
    protected BackOfficeWorld World { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateWorld()
    {
        await TestDatabase.ResetAsync();
        Factory = new RdvspWebFactory().WithClock(Now);
        World = await new BackOfficeWorld(Factory.Services).CreateAsync(Now);
    }

    [OneTimeTearDown]
    public async Task DisposeFactory() => await Factory.DisposeAsync();

    [SetUp]
    public void ResetClock() => Factory.Clock!.SetUtcNow(Now);

    protected static DateTimeOffset ParisTime(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    protected string WizardUrl(int step, string startsAt, long[] agentIds, long[] userIds, long? motifId = null, long? lieuId = null, int? duration = null, string extra = "") =>
        $"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step={step}&motif_id={motifId ?? World.PmiMotifA}"
        + $"&starts_at={Uri.EscapeDataString(startsAt)}"
        + (duration is { } d ? $"&duration_in_min={d}" : "")
        + string.Concat(agentIds.Select(a => $"&agent_ids[]={a}"))
        + string.Concat(userIds.Select(u => $"&user_ids[]={u}"))
        + (lieuId is { } l ? $"&lieu_id={l}" : $"&lieu_id={World.LieuA}")
        + extra;

    /// <summary>Step 4 "Créer RDV": GETs the step (antiforgery token), then posts the notification flags (all on unless given).</summary>
    protected static async Task<(HttpStatusCode Status, string Body, string? Location)> CreateAsync(
        HttpClient client, string url, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        var token = HtmlForms.AntiforgeryToken(html);
        var all = (fields ?? DefaultFlags(url)).Append(new("__RequestVerificationToken", token));
        var response = await client.PostAsync(url, new FormUrlEncodedContent(all));
        return (response.StatusCode, await response.ReadTextAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>Posts again with "Je confirme" and the warnings' token of the refused answer.</summary>
    protected static async Task<(HttpStatusCode Status, string Body, string? Location)> ConfirmAsync(HttpClient client, string url, string refusedBody)
    {
        var token = WarningsToken().Match(refusedBody).Groups[1].Value;
        var fields = DefaultFlags(url).Append(new("Input.Confirm", "true")).Append(new("Input.WarningsToken", token));
        return await CreateAsync(client, url, fields);
    }

    private static List<KeyValuePair<string, string>> DefaultFlags(string url) =>
        UserIds().Matches(url).Select(m => new KeyValuePair<string, string>("Input.LifecycleUserIds", m.Groups[1].Value))
            .Concat(UserIds().Matches(url).Select(m => new KeyValuePair<string, string>("Input.ReminderUserIds", m.Groups[1].Value)))
            .ToList();

    protected async Task<long> InsertRdvAsync(DateTimeOffset startsAt, long agentId, long userId, long? motifId = null, int minutes = 30, long? organisationId = null, long? lieuId = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IRdvRepository>().InsertAsync(new NewRdv(
            organisationId ?? World.OrganisationA, motifId ?? World.PmiMotifA, lieuId ?? World.LieuA, startsAt, startsAt.AddMinutes(minutes),
            [agentId], [new NewParticipation(userId)], CreatedByTypes.Agent, agentId, ExclusiveForAgents: false), default);
        return created.Value.Id;
    }

    protected async Task<long> AddUsagerAsync(string firstName, string lastName, string? email = null, string? phone = null, string? phoneFormatted = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var usagers = scope.ServiceProvider.GetRequiredService<IUsagerRepository>();
        var id = await usagers.AddAsync(new NewUsager(firstName, lastName, CreatedThrough.AgentCreation, email, phone, phoneFormatted), default);
        await usagers.AddFamilyToOrganisationAsync(id, World.OrganisationA, default);
        return id;
    }

    protected static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    protected static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss+00", CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"Input.WarningsToken\" value=\"([^\"]+)\"")]
    private static partial Regex WarningsToken();

    [GeneratedRegex(@"user_ids(?:\[\]|%5B%5D)=(\d+)")]
    private static partial Regex UserIds();
}
