using FluentAssertions;
using Npgsql;
using RdvSP.Infrastructure.Seed;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Foundation;

[TestFixture]
public sealed class HomePageTests
{
    [Test]
    public async Task Home_OnTheDemoSeed_ListsTheDemoDepartement_AndLinksToItsSearch()
    {
        await TestDatabase.ResetAsync();
        await using (var dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionString))
        {
            var first = await DemoSeeder.SeedAsync(dataSource, TimeProvider.System, CancellationToken.None);
            var second = await DemoSeeder.SeedAsync(dataSource, TimeProvider.System, CancellationToken.None);
            first.Seeded.Should().BeTrue();
            second.Seeded.Should().BeFalse("a second `make run` inserts nothing");
        }
        await using var factory = new RdvspWebFactory();

        var home = await factory.CreateClient().GetTextAsync("/");

        home.Should().Contain("Prenez rendez-vous en ligne").And.Contain("26 - Drôme (3 structures)")
            .And.Contain("href=\"/prendre_rdv?departement=26\"");
    }
}
