using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;

namespace RdvSP.Application.IntegrationTests.BackOffice.Rdvs;

/// <summary>The back-office RDV store on the real database: ids of the organisation, edits, statuses, the warnings' context.</summary>
public sealed class AgentRdvStoreTests : DatabaseTest
{
    private IAgentRdvStore Store => Get<IAgentRdvStore>();
    private IRdvRepository Rdvs => Get<IRdvRepository>();

    [Test]
    public async Task Ids_are_of_the_organisation_and_a_relative_counts_through_its_responsible()
    {
        var world = await Data.WorldAsync();
        var other = await Data.OrganisationAsync(world.TerritoryId, "MDS Ailleurs");
        var foreignLieu = await Data.LieuAsync(other, "Lieu ailleurs");
        var foreignAgent = await Data.AgentAsync(other, world.ServiceId, "Ailleurs");
        var child = await Data.UsagerAsync("Tom", "Durand", responsibleId: world.UsagerId);
        var stranger = await Data.UsagerAsync("Inconnu", "Ailleurs");
        await Get<IUsagerRepository>().AddFamilyToOrganisationAsync(world.UsagerId, world.OrganisationId, Ct);
        // Only the responsible keeps a profile: the relative is of the organisation through him.
        (await IntegrationDatabase.ScalarAsync<long>($"with d as (delete from usagers.user_profiles where user_id = {child} returning 1) select count(*) from d")).Should().Be(1);

        var ok = await Store.CheckIdsAsync(world.OrganisationId, new OrganisationIds(world.MotifId, [world.LieuId], [world.AgentId], [world.UsagerId, child]), Ct);
        var foreign = await Store.CheckIdsAsync(world.OrganisationId, new OrganisationIds(null, [foreignLieu], [foreignAgent], [stranger]), Ct);

        ok.Should().Be(new OrganisationIdsCheck(world.ServiceId, true, true, true, true));
        foreign.Should().Be(new OrganisationIdsCheck(null, false, false, false, true));
    }

    [Test]
    public async Task An_edit_cannot_move_a_usager_booking_onto_another_one_of_the_same_agent()
    {
        var world = await Data.WorldAsync();
        var first = (await Rdvs.InsertAsync(TestData.UsagerBooking(world, Now.AddDays(1)), Ct)).Value.Id;
        var second = (await Rdvs.InsertAsync(TestData.UsagerBooking(world, Now.AddDays(1).AddHours(2)), Ct)).Value.Id;
        await Scope.Db.BeginAsync(Ct);

        var moved = await Store.UpdateAsync(new RdvUpdate(second, Now.AddDays(1).AddMinutes(15), Now.AddDays(1).AddMinutes(45), world.LieuId, "déplacé",
            [world.AgentId], [new ParticipantFlags(world.UsagerId, false, true)]), Ct);
        var reschedule = await Store.UpdateAsync(new RdvUpdate(second, Now.AddDays(2), Now.AddDays(2).AddMinutes(30), world.LieuId, "déplacé",
            [world.AgentId], [new ParticipantFlags(world.UsagerId, false, true)]), Ct);
        await Scope.Db.CommitAsync(Ct);

        moved.Should().Be(Result.Failure(BookingErrors.SlotUnavailable));
        reschedule.IsSuccess.Should().BeTrue("the transaction is still usable after the refused move");
        var saved = await Rdvs.GetAsync(second, Ct);
        saved!.StartsAt.Should().Be(Now.AddDays(2));
        saved.Context.Should().Be("déplacé");
        saved.Participants.Single().SendLifecycleNotifications.Should().BeFalse();
        (await Rdvs.GetAsync(first, Ct))!.StartsAt.Should().Be(Now.AddDays(1));
    }

    [Test]
    public async Task A_status_change_writes_the_rdv_its_participations_and_the_seat_count()
    {
        var world = await Data.WorldAsync();
        var rdv = (await Rdvs.InsertAsync(TestData.AgentBooking(world, Now.AddDays(-1)), Ct)).Value;
        var participation = (await Rdvs.GetAsync(rdv.Id, Ct))!.Participants.Single().ParticipationId;

        await Store.SetStatusAsync(rdv.Id, new RdvStatusChange(RdvStatus.Excused, Now, [RdvStatus.Excused]), [participation], Ct);

        var saved = await Rdvs.GetAsync(rdv.Id, Ct);
        saved!.Status.Should().Be("excused");
        saved.CancelledAt.Should().Be(Now);
        saved.UsersCount.Should().Be(0);
        saved.Participants.Single().Status.Should().Be("excused");
    }

    [Test]
    public async Task The_warnings_context_holds_the_agents_overlapping_rdvs_and_the_usagers_rdvs_of_the_day()
    {
        var world = await Data.WorldAsync();
        var overlapping = (await Rdvs.InsertAsync(TestData.AgentBooking(world, Now.AddHours(1)), Ct)).Value.Id;
        var sameDay = (await Rdvs.InsertAsync(TestData.AgentBooking(world, Now.AddHours(6)), Ct)).Value.Id;
        var cancelled = (await Rdvs.InsertAsync(TestData.AgentBooking(world, Now.AddHours(1)), Ct)).Value.Id;
        await Rdvs.CancelAsync(cancelled, RdvStatuses.Revoked, Now, Ct);
        var otherDay = (await Rdvs.InsertAsync(TestData.AgentBooking(world, Now.AddDays(1)), Ct)).Value.Id;
        var day = DateOnly.FromDateTime(Now.UtcDateTime);

        var context = await Store.LoadContextAsync([world.AgentId], [world.UsagerId], Now.AddMinutes(30), Now.AddMinutes(90),
            Now.AddHours(-8), Now.AddHours(14), day, day, Ct);

        context.Rdvs.Select(r => r.RdvId).Should().BeEquivalentTo([overlapping, sameDay]);
        context.Rdvs.Should().NotContain(r => r.RdvId == cancelled || r.RdvId == otherDay);
        context.Rdvs.Single(r => r.RdvId == overlapping).AgentIds.Should().Equal(world.AgentId);
    }
}
