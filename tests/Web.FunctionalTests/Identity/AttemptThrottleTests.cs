using System.Net;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Infrastructure.Identity;
using RdvSP.TestKit;
using StackExchange.Redis;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>
/// The per-action attempt counters of sign-in, sign-up, confirmation and password reset: failed
/// POSTs only, each action its own budget, per (e-mail, IP) growing waits shared by every instance
/// through Redis, and an in-process fallback while Redis is down.
/// </summary>
[TestFixture]
public sealed class AttemptThrottleTests
{
    private const string WaitMessage = "Trop de tentatives de connexion. Réessayez dans 1 minute.";

    private UsagerApp app = null!;

    [OneTimeSetUp]
    public async Task Start() => app = await UsagerApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    [Test]
    public async Task Page_loads_never_count_and_a_sign_up_with_typos_goes_through()
    {
        using var client = app.NewClient();
        foreach (var page in new[] { "/users/sign_in", "/users/sign_up", "/users/password/new", "/users/confirmation?token=x", "/users/password/edit?token=x" })
        {
            for (var i = 0; i < 15; i++) (await client.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK, page);
        }

        // A typo in the e-mail, a weak password, a wrong password: none of them stops a normal sign-up.
        var email = UsagerApp.NewEmail();
        (await app.SignUpAsync(client, "Typo", "Test", email.Replace("@", "@@", StringComparison.Ordinal))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.SignUpAsync(client, "Typo", "Test", email)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions de confirmation"), "/users/confirmation");
        (await client.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", "trop-faible"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", UsagerApp.GoodPassword))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/users/sign_in")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.SignInAsync(client, email, "Cheval-Agrafe-24")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.SignInAsync(client, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Each_action_has_its_own_budget()
    {
        var ip = TestClientIp.Random();
        using var client = app.NewClient(ip);
        var target = UsagerApp.NewEmail();
        for (var i = 0; i < 5; i++) await app.SignInAsync(client, target, "Mauvais-Secret-1");
        (await app.SignInAsync(client, target, "Mauvais-Secret-1")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        // The same IP still signs up, asks for a reset link and signs in to another account.
        var email = UsagerApp.NewEmail();
        (await app.SignUpAsync(client, "Budget", "Séparé", email)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.PostAsync(client, "/users/password/new", ("Input.Email", email))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions de confirmation", count: 2), "/users/confirmation");
        (await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", UsagerApp.GoodPassword))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.SignInAsync(client, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Bad_confirmation_tokens_and_reset_requests_are_counted_per_action_with_a_french_wait()
    {
        using var client = app.NewClient();
        for (var i = 0; i < IdentityLimits.BadTokenPerIp.FreeAttempts; i++)
        {
            var bad = await UsagerApp.PostAsync(client, "/users/confirmation?token=faux", ("Input.Token", $"faux-{i}"), ("Input.Password", UsagerApp.GoodPassword));
            (await UsagerApp.TextAsync(bad)).Should().Contain(IdentityErrors.InvalidConfirmationToken.Message);
        }
        var refused = await UsagerApp.PostAsync(client, "/users/confirmation?token=faux", ("Input.Token", "faux"), ("Input.Password", UsagerApp.GoodPassword));
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await UsagerApp.TextAsync(refused)).Should().Contain("Trop de demandes en peu de temps. Réessayez dans 1 minute.");

        var email = UsagerApp.NewEmail();
        using var resetter = app.NewClient();
        for (var i = 0; i < IdentityLimits.ResetRequestPerEmail.FreeAttempts; i++)
            (await UsagerApp.PostAsync(resetter, "/users/password/new", ("Input.Email", email))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var another = app.NewClient();
        var tooMany = await UsagerApp.PostAsync(another, "/users/password/new", ("Input.Email", email));
        tooMany.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "reset requests are counted per e-mail, whatever the IP");
        (await UsagerApp.TextAsync(tooMany)).Should().Contain("Trop de demandes en peu de temps. Réessayez dans 60 minutes.");
    }

    [Test]
    public async Task Counters_live_in_redis_per_email_and_ip_under_the_throttle_prefix()
    {
        var ip = TestClientIp.Random();
        var email = UsagerApp.NewEmail();
        using var client = app.NewClient(ip);

        for (var i = 0; i < 3; i++) await app.SignInAsync(client, email.ToUpperInvariant(), "Mauvais-Secret-1");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestRedis.ConnectionString);
        var key = $"rdvsp:throttle:sign-in:{Sha256($"{email} {ip}")}";
        ((long)await redis.GetDatabase().HashGetAsync(key, "n")).Should().Be(3, "the e-mail is normalised and the count is in Redis");
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
        ttl.Should().NotBeNull().And.BeGreaterThan(TimeSpan.FromHours(23), "a count is forgotten a day after the last failure");
    }

    [Test]
    public async Task Two_instances_share_the_sign_in_counters_through_redis()
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Deux", "Instances", email);
        await using var first = app.NewInstance();
        await using var second = app.NewInstance();
        var ip = TestClientIp.Random();
        using var one = UsagerApp.NewClient(first, ip);
        using var two = UsagerApp.NewClient(second, ip);

        for (var i = 0; i < 3; i++) (await app.SignInAsync(one, email, "Mauvais-Secret-1")).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++) (await app.SignInAsync(two, email, "Mauvais-Secret-2")).StatusCode.Should().Be(HttpStatusCode.OK);

        // 3 + 2 failures: the wait applies on both instances, not 5 free attempts per instance.
        foreach (var client in new[] { one, two })
        {
            var waiting = await app.SignInAsync(client, email, UsagerApp.GoodPassword);
            waiting.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            (await UsagerApp.TextAsync(waiting)).Should().Contain(WaitMessage);
        }
        using var elsewhere = UsagerApp.NewClient(second);
        (await app.SignInAsync(elsewhere, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task With_redis_unreachable_the_counters_fall_back_to_the_process_and_sign_in_still_works()
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Sans", "Redis", email);
        await using var noRedis = app.NewInstance().WithSetting("ConnectionStrings:Redis", "127.0.0.1:1");
        var ip = TestClientIp.Random();
        using var client = UsagerApp.NewClient(noRedis, ip);

        for (var i = 0; i < 5; i++) (await app.SignInAsync(client, email, "Mauvais-Secret-1")).StatusCode.Should().Be(HttpStatusCode.OK);

        var waiting = await app.SignInAsync(client, email, UsagerApp.GoodPassword);
        waiting.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await UsagerApp.TextAsync(waiting)).Should().Contain(WaitMessage);
        using var elsewhere = UsagerApp.NewClient(noRedis);
        (await app.SignInAsync(elsewhere, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        noRedis.Logs.Lines().Count(l => l.Contains("attempt counters fall back", StringComparison.Ordinal))
            .Should().Be(1, "the fallback is logged once per outage, not per request");
    }

    [Test]
    public async Task Every_sign_in_answer_does_the_same_password_work_known_or_not()
    {
        var confirmed = UsagerApp.NewEmail();
        await app.RegisterAsync("Même", "Travail", confirmed);
        var unconfirmed = UsagerApp.NewEmail();
        using (var signUp = app.NewClient())
            (await app.SignUpAsync(signUp, "Pas", "Confirmé", unconfirmed)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var hasher = new CountingPasswordHasher(new AspNetPasswordHasher());
        await using var instance = app.NewInstance()
            .WithServices(s => s.Replace(ServiceDescriptor.Singleton<IPasswordHasher>(hasher)));
        var ip = TestClientIp.Random();

        async Task<(HttpStatusCode Status, int Verifications, int Hashes)> Attempt(string email, string password)
        {
            using var client = UsagerApp.NewClient(instance, ip);
            hasher.Clear();
            var response = await app.SignInAsync(client, email, password);
            return (response.StatusCode, hasher.Verifications, hasher.Hashes);
        }

        (await Attempt(UsagerApp.NewEmail(), "Mauvais-Secret-1")).Should().Be((HttpStatusCode.OK, 1, 0), "unknown e-mail: one verification against the dummy hash");
        (await Attempt(unconfirmed, "Mauvais-Secret-1")).Should().Be((HttpStatusCode.OK, 1, 0), "unconfirmed account");
        (await Attempt(confirmed, "Mauvais-Secret-1")).Should().Be((HttpStatusCode.OK, 1, 0), "wrong password");
        (await Attempt(confirmed, UsagerApp.GoodPassword)).Should().Be((HttpStatusCode.Redirect, 1, 0), "right password");

        // Throttled: no password work at all, for a known e-mail as for an unknown one.
        var unknown = UsagerApp.NewEmail();
        for (var i = 0; i < 5; i++)
        {
            await Attempt(confirmed, "Mauvais-Secret-2");
            await Attempt(unknown, "Mauvais-Secret-2");
        }
        (await Attempt(confirmed, UsagerApp.GoodPassword)).Should().Be((HttpStatusCode.TooManyRequests, 0, 0));
        (await Attempt(unknown, UsagerApp.GoodPassword)).Should().Be((HttpStatusCode.TooManyRequests, 0, 0));
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private sealed class CountingPasswordHasher(IPasswordHasher inner) : IPasswordHasher
    {
        private int verifications;
        private int hashes;

        public int Verifications => Volatile.Read(ref verifications);

        public int Hashes => Volatile.Read(ref hashes);

        public void Clear()
        {
            Interlocked.Exchange(ref verifications, 0);
            Interlocked.Exchange(ref hashes, 0);
        }

        public string Hash(string password)
        {
            Interlocked.Increment(ref hashes);
            return inner.Hash(password);
        }

        public PasswordCheck Verify(string hash, string password)
        {
            Interlocked.Increment(ref verifications);
            return inner.Verify(hash, password);
        }
    }
}
