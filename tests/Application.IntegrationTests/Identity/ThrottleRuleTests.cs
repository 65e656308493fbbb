using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.IntegrationTests.Identity;

/// <summary>The growing wait of the sign-in rule: free attempts, then 1, 2, 4, 8 minutes, capped at 15.</summary>
public sealed class ThrottleRuleTests
{
    private static readonly DateTimeOffset Last = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    [TestCase(0, 0)]
    [TestCase(4, 0)]
    [TestCase(5, 1)]
    [TestCase(6, 2)]
    [TestCase(7, 4)]
    [TestCase(8, 8)]
    [TestCase(9, 15)]
    [TestCase(40, 15)]
    public void Sign_in_wait_after_failures(int failures, int minutes)
    {
        IdentityLimits.SignInPerAccountAndIp.WaitAt(failures, Last, Last).Should().Be(TimeSpan.FromMinutes(minutes));
    }

    [Test]
    public void The_wait_runs_from_the_last_attempt()
    {
        var rule = IdentityLimits.SignInPerAccountAndIp;

        rule.WaitAt(5, Last, Last.AddSeconds(45)).Should().Be(TimeSpan.FromSeconds(15));
        rule.WaitAt(5, Last, Last.AddMinutes(1)).Should().Be(TimeSpan.Zero);
        rule.WaitAt(6, Last, Last.AddMinutes(1)).Should().Be(TimeSpan.FromMinutes(1));
    }

    [Test]
    public void A_last_attempt_stamped_ahead_by_another_clock_never_waits_longer_than_the_rule()
    {
        IdentityLimits.SignInPerAccountAndIp.WaitAt(5, Last.AddDays(90), Last).Should().Be(TimeSpan.FromMinutes(1));
    }

    [TestCase(59, "Trop de tentatives de connexion. Réessayez dans 1 minute.")]
    [TestCase(61, "Trop de tentatives de connexion. Réessayez dans 2 minutes.")]
    [TestCase(900, "Trop de tentatives de connexion. Réessayez dans 15 minutes.")]
    public void The_message_names_the_wait_in_whole_minutes(int seconds, string message)
    {
        IdentityErrors.TooManySignIns(TimeSpan.FromSeconds(seconds)).Message.Should().Be(message);
    }
}
