using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.IntegrationTests.Support;
using RdvSP.Infrastructure.Availability.Jobs;

namespace RdvSP.Application.IntegrationTests.Jobs;

/// <summary>The nightly expiration refresh (REFERENCE-DOMAIN §3.6), on the real tables.</summary>
public sealed class RefreshExpiredFlagsJobTests : DatabaseTest
{
    [Test]
    public async Task Run_FlagsOnlyWhatEndedBeforeYesterday()
    {
        var world = await Data.WorldAsync();
        var plages = Scope.Get<IOpeningPeriodRepository>();
        var absences = Scope.Get<IAbsenceRepository>();
        var today = new DateOnly(2026, 3, 10);
        var endedOneOff = await plages.AddAsync(new NewOpeningPeriod(world.AgentId, world.OrganisationId, world.LieuId, "Passée", today.AddDays(-5), new TimeOnly(9, 0), new TimeOnly(12, 0), null, null, [world.MotifId]), Ct);
        var todayOneOff = await plages.AddAsync(new NewOpeningPeriod(world.AgentId, world.OrganisationId, world.LieuId, "Aujourd'hui", today, new TimeOnly(9, 0), new TimeOnly(12, 0), null, null, [world.MotifId]), Ct);
        var openEnded = await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], today.AddDays(-60));
        var endedAbsence = await absences.AddAsync(new NewAbsence(world.AgentId, "Congés", today.AddDays(-20), new TimeOnly(0, 0), today.AddDays(-10), new TimeOnly(23, 55)), Ct);
        var runningAbsence = await absences.AddAsync(new NewAbsence(world.AgentId, "Formation", today.AddDays(-1), new TimeOnly(0, 0), today.AddDays(2), new TimeOnly(23, 55)), Ct);
        var job = new RefreshExpiredFlagsJob(IntegrationDatabase.DataSource, new FakeTimeProvider(Now), NullLogger<RefreshExpiredFlagsJob>.Instance);

        var flagged = await job.RunAsync(Ct);

        flagged.Should().Be(2);
        var expiredPlages = await IdsAsync("select id from availability.plage_ouvertures where expired_cached");
        var expiredAbsences = await IdsAsync("select id from availability.absences where expired_cached");
        expiredPlages.Should().Equal(endedOneOff);
        expiredPlages.Should().NotContain([todayOneOff, openEnded]);
        expiredAbsences.Should().Equal(endedAbsence);
        expiredAbsences.Should().NotContain(runningAbsence);
        (await job.RunAsync(Ct)).Should().Be(0, "running it again changes nothing");
    }

    private static async Task<List<long>> IdsAsync(string sql)
    {
        await using var command = IntegrationDatabase.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
