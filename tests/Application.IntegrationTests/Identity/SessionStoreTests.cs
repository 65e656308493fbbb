using FluentAssertions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.IntegrationTests.Support;
using StackExchange.Redis;

namespace RdvSP.Application.IntegrationTests.Identity;

/// <summary>
/// identity.sessions on the real PostgreSQL, with the real Redis as its cache. Each scope is a
/// request of its own (another connection), as on another web instance.
/// </summary>
public sealed class SessionStoreTests : DatabaseTest
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    [Test]
    public async Task Opened_session_is_open_in_another_request_until_it_is_ended()
    {
        var id = await Get<ISessionStore>().OpenAsync(SessionActor.Usager, 42, Idle, Ct);

        (await NewScope().Get<ISessionStore>().IsOpenAsync(id, Idle, Ct)).Should().BeTrue();
        await NewScope().Get<ISessionStore>().EndAsync(id, Ct);

        (await NewScope().Get<ISessionStore>().IsOpenAsync(id, Idle, Ct)).Should().BeFalse();
    }

    [Test]
    public async Task Ending_wins_over_an_open_answer_already_cached_in_redis()
    {
        var id = await Get<ISessionStore>().OpenAsync(SessionActor.Usager, 42, Idle, Ct);
        (await NewScope().Get<ISessionStore>().IsOpenAsync(id, Idle, Ct)).Should().BeTrue("this caches 'open' in Redis");

        await NewScope().Get<ISessionStore>().EndAsync(id, Ct);

        (await NewScope().Get<ISessionStore>().IsOpenAsync(id, Idle, Ct)).Should().BeFalse();
    }

    [Test]
    public async Task Redis_flushed_the_database_still_knows_the_session()
    {
        var id = await Get<ISessionStore>().OpenAsync(SessionActor.Agent, 7, Idle, Ct);
        (await NewScope().Get<ISessionStore>().IsOpenAsync(id, Idle, Ct)).Should().BeTrue();

        await using (var admin = await ConnectionMultiplexer.ConnectAsync(IntegrationDatabase.Redis.Options.ToString() + ",allowAdmin=true"))
            await admin.GetServers()[0].FlushAllDatabasesAsync();

        (await NewScope().Get<ISessionStore>().IsOpenAsync(id, Idle, Ct)).Should().BeTrue();
    }

    [Test]
    public async Task Ending_all_sessions_of_an_account_keeps_the_one_asked_and_spares_other_accounts()
    {
        var store = Get<ISessionStore>();
        var current = await store.OpenAsync(SessionActor.Agent, 7, Idle, Ct);
        var other = await store.OpenAsync(SessionActor.Agent, 7, Idle, Ct);
        var usagerSameId = await store.OpenAsync(SessionActor.Usager, 7, Idle, Ct);
        (await NewScope().Get<ISessionStore>().IsOpenAsync(other, Idle, Ct)).Should().BeTrue();

        await NewScope().Get<ISessionStore>().EndAllAsync(SessionActor.Agent, 7, keepSessionId: current, Ct);

        var check = NewScope().Get<ISessionStore>();
        (await check.IsOpenAsync(current, Idle, Ct)).Should().BeTrue();
        (await check.IsOpenAsync(other, Idle, Ct)).Should().BeFalse();
        (await check.IsOpenAsync(usagerSameId, Idle, Ct)).Should().BeTrue();
    }

    [Test]
    public async Task Unknown_or_idle_sessions_are_not_open()
    {
        var store = Get<ISessionStore>();
        (await store.IsOpenAsync("not-a-session", Idle, Ct)).Should().BeFalse();

        var expired = await store.OpenAsync(SessionActor.Usager, 1, TimeSpan.FromMinutes(-1), Ct);
        (await NewScope().Get<ISessionStore>().IsOpenAsync(expired, Idle, Ct)).Should().BeFalse();
    }
}
