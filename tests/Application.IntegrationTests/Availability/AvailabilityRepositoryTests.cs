using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.IntegrationTests.Availability;

public sealed class AvailabilityRepositoryTests : DatabaseTest
{
    private const string Weekly = """{"every":"week","interval":2,"starts":"2026-03-02T00:00:00+01:00","on":["monday","thursday"],"day":[1,4],"until":"2026-06-30T00:00:00+02:00"}""";

    [Test]
    public async Task Plage_round_trips_dates_times_recurrence_and_motifs()
    {
        var world = await Data.WorldAsync();
        var other = await Data.MotifAsync(world.OrganisationId, world.ServiceId, "Autre");
        var plages = Get<IOpeningPeriodRepository>();

        var id = await plages.AddAsync(new NewOpeningPeriod(world.AgentId, world.OrganisationId, world.LieuId, "Permanence", new DateOnly(2026, 3, 2),
            new TimeOnly(13, 30), new TimeOnly(17, 45), Weekly, new DateTime(2026, 6, 30, 23, 59, 59, DateTimeKind.Utc), [other, world.MotifId, other]), Ct);
        var plage = await plages.GetAsync(id, Ct);

        plage!.FirstDay.Should().Be(new DateOnly(2026, 3, 2));
        plage.StartTime.Should().Be(new TimeOnly(13, 30));
        plage.EndTime.Should().Be(new TimeOnly(17, 45));
        plage.RecurrenceEndsAt.Should().Be(new DateTime(2026, 6, 30, 23, 59, 59), "wall-clock value, stored without any shift");
        plage.MotifIds.Should().Equal(world.MotifId, other);
        var recurrence = Recurrence.Parse(plage.Recurrence!);
        recurrence.IsSuccess.Should().BeTrue("jsonb keeps the reference's JSON readable by the Domain");
        recurrence.Value.Interval.Should().Be(2);
        recurrence.Value.Weekdays.Should().Equal(DayOfWeek.Monday, DayOfWeek.Thursday);
        recurrence.Value.Until.Should().Be(new DateOnly(2026, 6, 30));
    }

    [Test]
    public async Task One_off_plage_and_multi_day_absence_round_trip()
    {
        var world = await Data.WorldAsync();
        var plageId = await Get<IOpeningPeriodRepository>().AddAsync(new NewOpeningPeriod(world.AgentId, world.OrganisationId, null, "Exceptionnelle",
            new DateOnly(2026, 3, 14), new TimeOnly(9, 0), new TimeOnly(12, 0), null, null, [world.MotifId]), Ct);
        var absenceId = await Get<IAbsenceRepository>().AddAsync(new NewAbsence(world.AgentId, "Congés", new DateOnly(2026, 3, 16), new TimeOnly(0, 0),
            new DateOnly(2026, 3, 18), new TimeOnly(23, 55)), Ct);

        (await Get<IOpeningPeriodRepository>().GetAsync(plageId, Ct))!.Recurrence.Should().BeNull();
        (await Get<IAbsenceRepository>().GetAsync(absenceId, Ct)).Should().BeEquivalentTo(new AbsenceRow
        {
            Id = absenceId, AgentId = world.AgentId, Title = "Congés", FirstDay = new DateOnly(2026, 3, 16), StartTime = new TimeOnly(0, 0),
            EndDay = new DateOnly(2026, 3, 18), EndTime = new TimeOnly(23, 55),
        });
    }

    [Test]
    public async Task Slot_search_inputs_come_in_one_load()
    {
        var world = await Data.WorldAsync();
        var otherMotif = await Data.MotifAsync(world.OrganisationId, world.ServiceId, "Autre");
        var otherLieu = await Data.LieuAsync(world.OrganisationId, "Ailleurs");
        var colleague = await Data.AgentAsync(world.OrganisationId, world.ServiceId, "Bernard");
        var elsewhere = await Data.OrganisationAsync(world.TerritoryId, "MDS Romans");
        var plages = Get<IOpeningPeriodRepository>();
        var absences = Get<IAbsenceRepository>();
        var rdvs = Get<IRdvRepository>();

        var candidate = await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId, otherMotif], new DateOnly(2026, 3, 2));
        await Data.WeeklyPlageAsync(colleague, world.OrganisationId, world.LieuId, [otherMotif], new DateOnly(2026, 3, 2)); // other motif
        await Data.WeeklyPlageAsync(colleague, world.OrganisationId, otherLieu, [world.MotifId], new DateOnly(2026, 3, 2)); // other lieu
        await plages.AddAsync(new NewOpeningPeriod(colleague, world.OrganisationId, world.LieuId, "Passée", new DateOnly(2026, 2, 2), new TimeOnly(9, 0),
            new TimeOnly(12, 0), null, null, [world.MotifId]), Ct); // outside the range

        var absence = await absences.AddAsync(new NewAbsence(world.AgentId, "Formation", new DateOnly(2026, 3, 11), new TimeOnly(9, 0), new DateOnly(2026, 3, 11), new TimeOnly(10, 0)), Ct);
        var longAbsence = await absences.AddAsync(new NewAbsence(world.AgentId, "Congés", new DateOnly(2026, 3, 1), new TimeOnly(0, 0), new DateOnly(2026, 3, 9), new TimeOnly(23, 55)), Ct);
        await absences.AddAsync(new NewAbsence(world.AgentId, "Plus tard", new DateOnly(2026, 4, 1), new TimeOnly(9, 0), new DateOnly(2026, 4, 1), new TimeOnly(10, 0)), Ct);
        await absences.AddAsync(new NewAbsence(colleague, "Pas candidat", new DateOnly(2026, 3, 11), new TimeOnly(9, 0), new DateOnly(2026, 3, 11), new TimeOnly(10, 0)), Ct);

        var here = await rdvs.InsertAsync(TestData.UsagerBooking(world, new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero)), Ct);
        var inOtherOrganisation = await rdvs.InsertAsync(TestData.AgentBooking(world with { OrganisationId = elsewhere }, new DateTimeOffset(2026, 3, 13, 13, 0, 0, TimeSpan.Zero)), Ct);
        var cancelled = await rdvs.InsertAsync(TestData.UsagerBooking(world, new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.Zero)), Ct);
        await rdvs.CancelAsync(cancelled.Value.Id, RdvStatuses.Excused, Now, Ct);
        await rdvs.InsertAsync(TestData.UsagerBooking(world, new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero)), Ct); // after the range

        var inputs = await Get<IAvailabilityInputsReader>().LoadAsync(
            new AvailabilityInputsQuery([world.MotifId], new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 16), world.LieuId), Ct);

        inputs.Plages.Select(p => p.Id).Should().Equal(candidate);
        inputs.Plages[0].MotifIds.Should().Equal(world.MotifId, otherMotif);
        inputs.Absences.Select(a => a.Id).Should().BeEquivalentTo([absence, longAbsence]);
        inputs.Rdvs.Select(r => r.RdvId).Should().Equal(here.Value.Id, inOtherOrganisation.Value.Id);
        inputs.Rdvs[0].StartsAt.Should().Be(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
        inputs.Organisations.Should().BeEquivalentTo([new OrganisationCalendarRow
        {
            OrganisationId = world.OrganisationId, TimeZone = "Europe/Paris", DepartementNumber = "26", HolidayCalendar = "metropolitan",
        }]);
    }

    [Test]
    public async Task Slot_search_inputs_filter_by_agents_and_organisations()
    {
        var world = await Data.WorldAsync();
        var colleague = await Data.AgentAsync(world.OrganisationId, world.ServiceId, "Bernard");
        var mine = await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], new DateOnly(2026, 3, 2));
        var theirs = await Data.WeeklyPlageAsync(colleague, world.OrganisationId, null, [world.MotifId], new DateOnly(2026, 3, 2));
        var reader = Get<IAvailabilityInputsReader>();
        var query = new AvailabilityInputsQuery([world.MotifId], new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 16));

        (await reader.LoadAsync(query, Ct)).Plages.Select(p => p.Id).Should().Equal(mine, theirs);
        (await reader.LoadAsync(query with { AgentIds = [colleague] }, Ct)).Plages.Select(p => p.Id).Should().Equal(theirs);
        (await reader.LoadAsync(query with { AgentIds = [] }, Ct)).Plages.Should().HaveCount(2, "an empty agent filter means no filter");
        (await reader.LoadAsync(query with { OrganisationIds = [world.OrganisationId + 100] }, Ct)).Plages.Should().BeEmpty();
    }
}
