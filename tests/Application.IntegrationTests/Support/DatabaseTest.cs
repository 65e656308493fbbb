using Microsoft.Extensions.DependencyInjection;
using RdvSP.Infrastructure.Api;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Booking;
using RdvSP.Infrastructure.Identity;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Persistence;
using RdvSP.Infrastructure.Usagers;

namespace RdvSP.Application.IntegrationTests.Support;

/// <summary>
/// Base class: empty tables before each test; repositories resolved through the modules' real
/// registrations, one DI scope (= one request: one connection, one transaction) per <see cref="TestScope"/>.
/// </summary>
public abstract class DatabaseTest
{
    /// <summary>A Tuesday, 09:00 in Paris.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ServiceProvider> Services = new(() =>
    {
        var services = new ServiceCollection();
        services.AddSingleton(IntegrationDatabase.DataSource);
        services.AddScoped<DbSession>();
        services.AddSingleton(IntegrationDatabase.Redis);
        services.AddSingleton(TimeProvider.System);
        services.AddOrganisationsPersistence();
        services.AddUsagersPersistence();
        services.AddAvailabilityPersistence();
        services.AddBookingPersistence();
        services.AddIdentityPersistence();
        services.AddApiPersistence();
        // Account mailers of the identity module queue their e-mails in the outbox, with absolute links.
        services.AddScoped<RdvSP.Application.Notifications.INotificationOutbox, RdvSP.Infrastructure.Notifications.OutboxRepository>();
        services.AddSingleton(new RdvSP.Application.Notifications.AppUrls(new Uri(RdvSP.Application.Notifications.AppUrls.DefaultBaseUrl)));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    });

    private readonly List<TestScope> scopes = [];

    /// <summary>The test's main "request".</summary>
    protected TestScope Scope { get; private set; } = null!;

    protected TestData Data { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    [SetUp]
    public async Task ResetDatabaseAsync()
    {
        await IntegrationDatabase.TruncateAsync();
        Scope = new TestScope(Services.Value.CreateAsyncScope());
        Data = new TestData(Scope);
    }

    [TearDown]
    public async Task DisposeScopesAsync()
    {
        await Scope.DisposeAsync();
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }
        scopes.Clear();
    }

    /// <summary>Another "request": its own connection and transaction.</summary>
    protected TestScope NewScope()
    {
        var scope = new TestScope(Services.Value.CreateAsyncScope());
        scopes.Add(scope);
        return scope;
    }

    protected T Get<T>() where T : notnull => Scope.Get<T>();
}

public sealed class TestScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public DbSession Db => scope.ServiceProvider.GetRequiredService<DbSession>();

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
