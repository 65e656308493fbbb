using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.IntegrationTests.Support;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Booking;
using RdvSP.Infrastructure.Identity;
using RdvSP.Infrastructure.Notifications;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Persistence;
using RdvSP.Infrastructure.Usagers;
using RdvSP.TestKit;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>
/// Notifications on the real PostgreSQL: the application and the notifications module wired as in
/// production, e-mails recorded by a fake sender, SMS sent over HTTP to a local stub of the providers.
/// </summary>
public abstract class NotificationsTest : DatabaseTest
{
    protected static SmsStubServer Stub { get; private set; } = null!;
    protected static IConfigurationRoot Configuration { get; private set; } = null!;
    private static ServiceProvider provider = null!;

    protected RecordingEmailSender Emails { get; private set; } = new();

    /// <summary>A week ahead at 10:00 UTC (the dispatcher compares with the database's clock).</summary>
    protected static DateTimeOffset NextWeek => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(7).AddHours(10);

    [OneTimeSetUp]
    public async Task StartServicesAsync()
    {
        Stub = await SmsStubServer.StartAsync();
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APP_BASE_URL"] = "https://rdv.example.fr",
            ["BREVO_API_URL"] = Stub.Url,
            ["NETSIZE_API_URL"] = Stub.Url,
            ["CLEVER_API_URL"] = Stub.Url,
            ["FORCE_SMS_PROVIDER"] = "send_in_blue",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Configuration);
        services.AddLogging();
        services.AddSingleton(IntegrationDatabase.DataSource);
        services.AddScoped<DbSession>();
        services.AddScoped<RdvSP.Application.Common.Abstractions.IUnitOfWork>(sp => sp.GetRequiredService<DbSession>());
        services.AddSingleton(IntegrationDatabase.Redis);
        services.AddApplication();
        services.AddOrganisationsPersistence();
        services.AddUsagersPersistence();
        services.AddAvailabilityPersistence();
        services.AddBookingPersistence();
        services.AddIdentityPersistence();
        services.AddNotifications(Configuration);
        provider = services.BuildServiceProvider();
    }

    [OneTimeTearDown]
    public async Task StopServicesAsync()
    {
        await provider.DisposeAsync();
        await Stub.DisposeAsync();
    }

    [SetUp]
    public void ResetProviders()
    {
        Stub.Mode = SmsStubServer.Behaviour.Ok;
        Stub.Clear();
        Emails = new RecordingEmailSender();
        Configuration["FORCE_SMS_PROVIDER"] = "send_in_blue";
        Configuration["DISABLE_SENDING_EMAILS"] = null;
    }

    /// <summary>A "request" of the notifications-aware application (its own connection and transaction).</summary>
    protected AsyncServiceScope AppScope() => provider.CreateAsyncScope();

    internal OutboxDispatcher NewDispatcher(IEmailSender? sender = null) =>
        ActivatorUtilities.CreateInstance<OutboxDispatcher>(provider, sender ?? Emails, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Dispatches every due message (one dispatcher, until none is due).</summary>
    internal async Task<int> DispatchAllAsync(OutboxDispatcher? dispatcher = null)
    {
        dispatcher ??= NewDispatcher();
        var count = 0;
        while (await dispatcher.DispatchOneAsync(CancellationToken.None)) count++;
        return count;
    }

    /// <summary>Books <paramref name="world"/>'s usager (with a mobile number) in one committed transaction, telling people as the use case does.</summary>
    protected async Task<RdvCreated> BookAsync(World world, DateTimeOffset start, bool commit = true)
    {
        await using var scope = AppScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.BeginAsync(Ct);
        var created = (await scope.ServiceProvider.GetRequiredService<IRdvRepository>().InsertAsync(TestData.UsagerBooking(world, start), Ct)).Value;
        await scope.ServiceProvider.GetRequiredService<IRdvNotifier>().RdvChangedAsync(created.Id, new RdvEvent.Created(), Author.Usager(world.UsagerId), Ct);
        if (commit) await db.CommitAsync(Ct);
        else await db.RollbackAsync(Ct);
        return created;
    }

    protected async Task<World> WorldWithMobileAsync(string phone = "+33612345678")
    {
        var world = await Data.WorldAsync();
        await ExecuteAsync(
            "update usagers.users set phone_number = @phone, phone_number_formatted = @phone where id = @id; update organisations.agents set email = 'claire.martin@example.fr' where id = @agent",
            new { phone, id = world.UsagerId, agent = world.AgentId });
        return world;
    }

    protected static async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await IntegrationDatabase.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters));
    }

    protected static async Task<T> QueryOneAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await IntegrationDatabase.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<T>(new CommandDefinition(sql, parameters));
    }

    protected static async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await IntegrationDatabase.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters))).ToList();
    }
}

/// <summary>Records e-mails instead of sending them; <see cref="OnSend"/> lets a test act in the middle of a batch.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> sent = new();

    public Func<EmailMessage, CancellationToken, Task>? OnSend { get; set; }

    public IReadOnlyList<EmailMessage> Sent => sent.ToArray();

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OnSend is not null) await OnSend(message, cancellationToken);
        sent.Enqueue(message);
    }
}
