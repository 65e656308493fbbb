using FluentAssertions;
using NetArchTest.Rules;

namespace RdvSP.ArchitectureTests;

/// <summary>
/// Modules are folders with the same name in each project (ARCHITECTURE.md §2). A module may use
/// another module's Application ports and Domain types, never its Infrastructure (tables, SQL).
/// </summary>
[TestFixture]
public sealed class ModuleTests
{
    private static readonly string[] Modules = ["Organisations", "Usagers", "Availability", "Booking", "Notifications", "CalendarSync", "Identity"];

    private static IEnumerable<TestCaseData> ModulePairs() =>
        from owner in Modules
        from other in Modules
        where owner != other
        select new TestCaseData(owner, other).SetName($"{owner}_DoesNotReachInto_{other}Infrastructure");

    [TestCaseSource(nameof(ModulePairs))]
    public void Module_DoesNotReachIntoAnotherModulesInfrastructure(string owner, string other)
    {
        var assemblies = new[] { LayerTests.Domain, LayerTests.Application, LayerTests.Infrastructure, LayerTests.Web };

        var result = Types.InAssemblies(assemblies)
            .That().ResideInNamespaceMatching($@"^RdvSP\.(Domain|Application|Infrastructure|Web(\.Pages|\.Api)?(\.\w+)?)\.{owner}(\.|$)")
            .ShouldNot().HaveDependencyOn($"RdvSP.Infrastructure.{other}")
            .GetResult();

        result.IsSuccessful.Should().BeTrue(LayerTests.Describe(result));
    }

    [Test]
    public void EveryDomainNamespace_IsAModuleOrCommon()
    {
        var namespaces = LayerTests.Domain.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("RdvSP.Domain.", StringComparison.Ordinal))
            .Select(n => n!.Split('.')[2])
            .Distinct();

        namespaces.Should().OnlyContain(n => Modules.Contains(n) || n == "Common");
    }
}
