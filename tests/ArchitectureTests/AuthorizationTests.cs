using FluentAssertions;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.ArchitectureTests;

/// <summary>
/// Back-office authorisation is one mechanism (AuthorizationBehavior): every organisation request has
/// exactly one policy, so a use case added without one fails here before it can fail at run time.
/// </summary>
[TestFixture]
public sealed class AuthorizationTests
{
    private static readonly Type[] ApplicationTypes = LayerTests.Application.GetTypes();

    [Test]
    public void Every_organisation_request_has_exactly_one_policy()
    {
        var requests = ApplicationTypes.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOrganisationRequest).IsAssignableFrom(t)).ToList();
        requests.Should().NotBeEmpty();
        var policies = ApplicationTypes
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPolicy<>)).Select(i => (Policy: t, Request: i.GetGenericArguments()[0])))
            .ToList();
        var missing = requests.Where(r => policies.Count(p => p.Request == r) != 1).Select(r => r.FullName).ToList();
        missing.Should().BeEmpty("each organisation request needs exactly one IPolicy<T>");
    }

    [Test]
    public void Policies_only_guard_organisation_requests()
    {
        var strays = ApplicationTypes
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPolicy<>)).Select(i => i.GetGenericArguments()[0]))
            .Where(r => !typeof(IOrganisationRequest).IsAssignableFrom(r))
            .Select(r => r.FullName)
            .ToList();
        strays.Should().BeEmpty("a policy on a request the behaviour never checks would be dead code");
    }
}
