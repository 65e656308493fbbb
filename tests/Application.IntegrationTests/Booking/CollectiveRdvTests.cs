using RdvSP.Application.Booking.Abstractions;

namespace RdvSP.Application.IntegrationTests.Booking;

public sealed class CollectiveRdvTests : DatabaseTest
{
    private IRdvRepository Rdvs => Get<IRdvRepository>();

    [Test]
    public async Task Twenty_parallel_joins_on_capacity_five_seat_exactly_five()
    {
        var (world, rdvId) = await CollectiveAsync(capacity: 5);
        var usagers = new List<long>();
        for (var i = 0; i < 20; i++) usagers.Add(await Data.UsagerAsync($"Parent{i}", "Atelier"));

        var outcomes = await Task.WhenAll(usagers.Select(async usager =>
        {
            await using var scope = NewScope();
            await scope.Db.BeginAsync(Ct);
            var result = await scope.Get<IRdvRepository>().JoinCollectiveAsync(new CollectiveJoin(rdvId, usager, [usager]), Ct);
            await scope.Db.CommitAsync(Ct);
            return result;
        }));

        outcomes.Count(o => o.IsSuccess).Should().Be(5);
        outcomes.Where(o => o.IsFailure).Should().OnlyContain(o => o.Error == BookingErrors.CollectiveFull);
        var rdv = await Rdvs.GetAsync(rdvId, Ct);
        rdv!.UsersCount.Should().Be(5);
        (await IntegrationDatabase.ScalarAsync<long>($"select count(*) from booking.participations where rdv_id = {rdvId}")).Should().Be(5);
        _ = world;
    }

    [Test]
    public async Task Agents_may_overbook_explicitly()
    {
        var (_, rdvId) = await CollectiveAsync(capacity: 1);
        var first = await Data.UsagerAsync("A", "Un");
        var second = await Data.UsagerAsync("B", "Deux");
        await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, first, [first]), Ct);

        (await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, second, [second]), Ct)).Error.Should().Be(BookingErrors.CollectiveFull);
        var overbooked = await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, second, [second], CreatedByTypes.Agent, AllowOverbooking: true), Ct);

        overbooked.IsSuccess.Should().BeTrue();
        (await Rdvs.GetAsync(rdvId, Ct))!.UsersCount.Should().Be(2);
    }

    [Test]
    public async Task One_member_per_family_the_newcomer_replaces_its_relative()
    {
        var (world, rdvId) = await CollectiveAsync(capacity: 5);
        var child = await Data.UsagerAsync("Tom", "Durand", responsibleId: world.UsagerId);
        var family = new long[] { world.UsagerId, child };
        await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, world.UsagerId, family), Ct);

        var again = await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, world.UsagerId, family), Ct);
        var switched = await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, child, family), Ct);

        again.Error.Should().Be(BookingErrors.AlreadyParticipating);
        switched.IsSuccess.Should().BeTrue();
        var rdv = await Rdvs.GetAsync(rdvId, Ct);
        rdv!.Participants.Select(p => p.UserId).Should().Equal(child);
        rdv.UsersCount.Should().Be(1);
    }

    [Test]
    public async Task Leaving_frees_the_seat_and_rejoining_reactivates_the_participation()
    {
        var (world, rdvId) = await CollectiveAsync(capacity: 1);
        var other = await Data.UsagerAsync("Paul", "Autre");
        var joined = await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, world.UsagerId, [world.UsagerId]), Ct);

        (await Rdvs.LeaveCollectiveAsync(rdvId, world.UsagerId, Ct)).IsSuccess.Should().BeTrue();
        (await Rdvs.LeaveCollectiveAsync(rdvId, world.UsagerId, Ct)).Error.Should().Be(BookingErrors.ParticipationNotFound);
        (await Rdvs.GetAsync(rdvId, Ct))!.UsersCount.Should().Be(0);
        var rejoined = await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, world.UsagerId, [world.UsagerId]), Ct);

        rejoined.Value.Should().Be(joined.Value, "the participation (and its token) is re-activated, not recreated");
        (await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, other, [other]), Ct)).Error.Should().Be(BookingErrors.CollectiveFull);
    }

    [Test]
    public async Task Revoked_and_individual_rdvs_cannot_be_joined()
    {
        var (world, rdvId) = await CollectiveAsync(capacity: 5);
        var individualMotif = await Data.MotifAsync(world.OrganisationId, world.ServiceId, "Entretien individuel");
        var individual = await Rdvs.InsertAsync(TestData.UsagerBooking(world with { MotifId = individualMotif }, new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero)), Ct);
        await Rdvs.CancelAsync(rdvId, RdvStatuses.Revoked, Now, Ct);

        (await Rdvs.JoinCollectiveAsync(new CollectiveJoin(rdvId, world.UsagerId, [world.UsagerId]), Ct)).Error.Should().Be(BookingErrors.CollectiveUnavailable);
        (await Rdvs.JoinCollectiveAsync(new CollectiveJoin(individual.Value.Id, world.UsagerId, [world.UsagerId]), Ct)).Error.Should().Be(BookingErrors.CollectiveUnavailable);
        (await Rdvs.JoinCollectiveAsync(new CollectiveJoin(999, world.UsagerId, [world.UsagerId]), Ct)).Error.Should().Be(BookingErrors.RdvNotFound);
    }

    [Test]
    public async Task Listing_collective_rdvs_hides_full_and_revoked_ones()
    {
        var (world, open) = await CollectiveAsync(capacity: 5);
        var full = await CollectiveRdvAsync(world, 1, new DateTimeOffset(2026, 3, 20, 14, 0, 0, TimeSpan.Zero));
        var revoked = await CollectiveRdvAsync(world, 5, new DateTimeOffset(2026, 3, 21, 14, 0, 0, TimeSpan.Zero));
        await Rdvs.JoinCollectiveAsync(new CollectiveJoin(full, world.UsagerId, [world.UsagerId]), Ct);
        await Rdvs.CancelAsync(revoked, RdvStatuses.Revoked, Now, Ct);
        var query = new CollectiveRdvQuery([world.MotifId], Now, Now.AddDays(60), world.LieuId);

        var withSeats = await Rdvs.ListCollectiveAsync(query, Ct);
        var all = await Rdvs.ListCollectiveAsync(query with { OnlyWithSeats = false }, Ct);

        withSeats.Select(r => r.Id).Should().Equal(open);
        withSeats[0].AgentIds.Should().Equal(world.AgentId);
        withSeats[0].AgentNames.Should().Equal("Claire Martin");
        withSeats[0].HasRemainingSeats.Should().BeTrue();
        all.Select(r => r.Id).Should().Equal(open, full);
    }

    private async Task<(World World, long RdvId)> CollectiveAsync(int capacity)
    {
        var world = await Data.WorldAsync();
        var collectiveMotif = await Data.MotifAsync(world.OrganisationId, world.ServiceId, "Atelier collectif parentalité", collectif: true, duration: 90);
        world = world with { MotifId = collectiveMotif };
        return (world, await CollectiveRdvAsync(world, capacity, new DateTimeOffset(2026, 3, 17, 14, 0, 0, TimeSpan.Zero)));
    }

    private async Task<long> CollectiveRdvAsync(World world, int capacity, DateTimeOffset start)
    {
        var created = await Rdvs.InsertAsync(
            new NewRdv(world.OrganisationId, world.MotifId, world.LieuId, start, start.AddMinutes(90), [world.AgentId], [],
                CreatedByTypes.Agent, world.AgentId, ExclusiveForAgents: false, Name: "Atelier", MaxParticipantsCount: capacity),
            Ct);
        return created.Value.Id;
    }
}
