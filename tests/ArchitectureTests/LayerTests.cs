using System.Reflection;
using System.Xml.Linq;
using FluentAssertions;
using NetArchTest.Rules;

namespace RdvSP.ArchitectureTests;

/// <summary>The dependency rule of ARCHITECTURE.md §3, checked on the compiled assemblies.</summary>
[TestFixture]
public sealed class LayerTests
{
    internal static readonly Assembly Domain = typeof(RdvSP.Domain.Common.Error).Assembly;
    internal static readonly Assembly Application = typeof(RdvSP.Application.DependencyInjection).Assembly;
    internal static readonly Assembly Infrastructure = typeof(RdvSP.Infrastructure.DependencyInjection).Assembly;
    internal static readonly Assembly Web = typeof(Program).Assembly;

    private static readonly string[] FrameworkAndPackages =
    [
        "Microsoft.AspNetCore", "Microsoft.Extensions", "Mediator", "FluentValidation", "Dapper", "Npgsql",
        "StackExchange.Redis", "DbUp", "MailKit", "MimeKit", "Serilog", "Sentry", "Hangfire", "Microsoft.Graph",
    ];

    [Test]
    public void Domain_DependsOnNoOtherLayer()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("RdvSP.Application", "RdvSP.Infrastructure", "RdvSP.Web")
            .GetResult();

        result.IsSuccessful.Should().BeTrue(Describe(result));
    }

    [Test]
    public void Domain_DependsOnNoFrameworkOrPackage()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(FrameworkAndPackages).GetResult();

        result.IsSuccessful.Should().BeTrue(Describe(result));
    }

    [Test]
    public void DomainProject_HasNoPackageOrProjectReference()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Domain", "Domain.csproj"));

        project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => e.Attribute("Include")?.Value)
            .Should().BeEmpty();
        Domain.GetReferencedAssemblies().Select(a => a.Name)
            .Should().OnlyContain(name => name!.StartsWith("System", StringComparison.Ordinal) || name == "netstandard");
    }

    [Test]
    public void Application_DoesNotDependOnInfrastructureOrWeb()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny("RdvSP.Infrastructure", "RdvSP.Web", "Npgsql", "Dapper", "StackExchange.Redis", "Microsoft.AspNetCore")
            .GetResult();

        result.IsSuccessful.Should().BeTrue(Describe(result));
    }

    [Test]
    public void Infrastructure_DoesNotDependOnWeb()
    {
        var result = Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("RdvSP.Web").GetResult();

        result.IsSuccessful.Should().BeTrue(Describe(result));
    }

    [Test]
    public void Handlers_AreSealedAndNamedHandler()
    {
        var result = Types.InAssembly(Application)
            .That().ImplementInterface(typeof(Mediator.IQueryHandler<,>))
            .Or().ImplementInterface(typeof(Mediator.ICommandHandler<,>))
            .Should().BeSealed().And().HaveNameEndingWith("Handler")
            .GetResult();

        result.IsSuccessful.Should().BeTrue(Describe(result));
    }

    [Test]
    public void MediatorSourceGenerator_IsReferencedByWebOnly()
    {
        foreach (var project in new[] { "Domain", "Application", "Infrastructure" })
        {
            File.ReadAllText(Path.Combine(RepositoryRoot(), "src", project, $"{project}.csproj"))
                .Should().NotContain("Mediator.SourceGenerator", $"{project} must not generate a mediator");
        }
    }

    internal static string Describe(TestResult result) =>
        result.IsSuccessful ? string.Empty : "offending types: " + string.Join(", ", result.FailingTypeNames ?? []);

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RdvSP.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("RdvSP.sln not found above the test binaries.");
    }
}
