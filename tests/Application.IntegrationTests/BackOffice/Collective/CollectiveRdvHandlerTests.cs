using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.CollectiveRdvs;
using RdvSP.Application.Booking.JoinCollectiveRdv;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;

namespace RdvSP.Application.IntegrationTests.BackOffice.Collective;

/// <summary>Collective RDVs in the back-office (REFERENCE-SURFACES §2.3.7, REFERENCE-DOMAIN §5.5) on the real database.</summary>
public sealed class CollectiveRdvHandlerTests : BackOfficeHandlerTest
{
    private long organisation;
    private long service;
    private long motif;
    private long lieu;
    private long admin;

    /// <summary>Next week, 14:00 in Paris, as the agent types it.</summary>
    private static DateTime LocalStart => DateTime.UtcNow.Date.AddDays(7).AddHours(14);

    [SetUp]
    public async Task CreateOrganisationAsync()
    {
        var territory = await Data.TerritoryAsync();
        organisation = await Data.OrganisationAsync(territory);
        service = await Data.ServiceAsync();
        motif = await Data.MotifAsync(organisation, service, "Atelier parentalité", collectif: true, duration: 90);
        lieu = await Data.LieuAsync(organisation);
        admin = await AgentWithRoleAsync(organisation, service, "Admin", AccessLevels.Admin, "admin@example.fr");
    }

    [Test]
    public async Task An_agent_creates_a_collective_rdv_and_the_list_shows_its_places_restantes()
    {
        var rdvId = await CreateAsync(capacity: 3);

        var saved = await Scope.Get<IRdvRepository>().GetAsync(rdvId, Ct);
        saved!.Collectif.Should().BeTrue();
        saved.MaxParticipantsCount.Should().Be(3);
        saved.Name.Should().Be("Atelier des parents");
        saved.Participants.Should().BeEmpty();
        saved.Agents.Should().ContainSingle(a => a.AgentId == admin);
        var list = await ListAsync(admin);
        list.Rdvs.Should().ContainSingle().Which.RemainingSeats.Should().Be(3);
        list.Motifs.Should().ContainSingle(m => m.Id == motif);
    }

    [Test]
    public async Task Bad_input_is_refused_in_french_and_writes_nothing()
    {
        var valid = Command(3);
        (await ErrorsOfAsync(valid with { MaxParticipantsCount = 0 })).Should().ContainSingle().Which.Should().StartWith("Le nombre maximum de participants doit être compris entre 1 et 1000");
        (await ErrorsOfAsync(valid with { DurationInMin = 0 })).Should().ContainSingle().Which.Should().Be("La durée doit être comprise entre 1 et 720 minutes.");
        (await ErrorsOfAsync(valid with { StartsAt = new DateTime(2017, 12, 31, 10, 0, 0) })).Should().ContainSingle().Which.Should().StartWith("La date du RDV doit être comprise entre le 01/01/2018");
        (await ErrorsOfAsync(valid with { StartsAt = DateTime.UtcNow.AddYears(6) })).Should().ContainSingle().Which.Should().StartWith("La date du RDV doit être comprise entre le 01/01/2018");
        (await ErrorsOfAsync(valid with { AgentIds = [] })).Should().ContainSingle().Which.Should().Be("Choisissez au moins un agent.");

        // A motif or a lieu of another organisation: refused by the policy (403), never written.
        var other = await Data.OrganisationAsync(await Data.TerritoryAsync("07", "Ardèche"), "MDS Privas");
        var foreignMotif = await Data.MotifAsync(other, service, "Atelier ailleurs", collectif: true);
        var foreignLieu = await Data.LieuAsync(other, "Lieu ailleurs");
        (await AllowedAsync(admin, valid with { MotifId = foreignMotif })).Should().BeFalse();
        (await AllowedAsync(admin, valid with { LieuId = foreignLieu })).Should().BeFalse();

        // An individual motif, or no lieu for an on-site motif: a French refusal, nothing written.
        var individual = await Data.MotifAsync(organisation, service, "Consultation");
        var refused = await AsAgentAsync(admin, valid with { MotifId = individual }, sp => New<CreateCollectiveRdvHandler>(sp).Handle(valid with { MotifId = individual }, Ct));
        refused.Error.Should().Be(CollectiveRdvErrors.NotCollective);
        var noLieu = await AsAgentAsync(admin, valid with { LieuId = null }, sp => New<CreateCollectiveRdvHandler>(sp).Handle(valid with { LieuId = null }, Ct));
        noLieu.Error.Message.Should().Be("Choisissez un lieu ou saisissez un lieu ponctuel.");
        (await QueryOneAsync<long>("select count(*) from booking.rdvs")).Should().Be(0);
    }

    [Test]
    public async Task Four_joins_at_once_on_three_seats_give_three_participations_and_one_french_complet()
    {
        var rdvId = await CreateAsync(capacity: 3);
        var usagers = new List<long>();
        for (var i = 0; i < 4; i++) usagers.Add(await UsagerOfOrganisationAsync($"Usager{i}"));

        // Two usagers through "S'inscrire", two added by the agent: one mechanism, one row lock.
        var joins = usagers.Select((usager, i) => i % 2 == 0
            ? UsagerJoinAsync(usager, rdvId)
            : AgentAddAsync(usager, rdvId, overbook: false)).ToList();
        var results = await Task.WhenAll(joins);

        results.Count(r => r.IsSuccess).Should().Be(3);
        results.Should().ContainSingle(r => r.IsFailure).Which.Error.Message.Should().Contain("complet");
        (await QueryOneAsync<long>($"select count(*) from booking.participations where rdv_id = {rdvId} and status = 'unknown'")).Should().Be(3);
        (await QueryOneAsync<int>($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(3);
        (await ListAsync(admin)).Rdvs.Single().RemainingSeats.Should().Be(0);
    }

    [Test]
    public async Task A_full_rdv_takes_one_more_participant_only_when_the_agent_overbooks_explicitly()
    {
        var rdvId = await CreateAsync(capacity: 1);
        var first = await UsagerOfOrganisationAsync("Premier");
        var second = await UsagerOfOrganisationAsync("Second");
        (await AgentAddAsync(first, rdvId, overbook: false)).IsSuccess.Should().BeTrue();

        var refused = await AgentAddAsync(second, rdvId, overbook: false);
        refused.Error.Should().Be(CollectiveRdvErrors.Full);
        (await QueryOneAsync<long>($"select count(*) from booking.participations where rdv_id = {rdvId}")).Should().Be(1);

        (await AgentAddAsync(second, rdvId, overbook: true)).IsSuccess.Should().BeTrue();
        var item = (await ListAsync(admin)).Rdvs.Single();
        item.UsersCount.Should().Be(2);
        item.RemainingSeats.Should().Be(0);
        item.Seats.Should().Be(SeatsStatus.Overbooked);
        (await ListAsync(admin, onlyWithSeats: true)).Rdvs.Should().BeEmpty();
    }

    [Test]
    public async Task Removing_a_participant_frees_his_seat_and_he_may_be_added_again()
    {
        var rdvId = await CreateAsync(capacity: 1);
        var usager = await UsagerOfOrganisationAsync("Retire");
        var participation = (await AgentAddAsync(usager, rdvId, overbook: false)).Value;

        var command = new RemoveCollectiveParticipantCommand(organisation, rdvId, participation);
        (await AsAgentAsync(admin, command, sp => New<RemoveCollectiveParticipantHandler>(sp).Handle(command, Ct))).IsSuccess.Should().BeTrue();
        (await QueryOneAsync<int>($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(0);
        (await QueryOneAsync<string>($"select status from booking.participations where id = {participation}")).Should().Be("revoked");

        var again = (await AsAgentAsync(admin, command, sp => New<RemoveCollectiveParticipantHandler>(sp).Handle(command, Ct)));
        again.Error.Should().Be(BookingErrors.ParticipationNotFound);
        (await AgentAddAsync(usager, rdvId, overbook: false)).Value.Should().Be(participation, "the cancelled participation is re-activated");
        (await QueryOneAsync<int>($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(1);
    }

    [Test]
    public async Task A_basic_agent_of_another_service_neither_sees_nor_changes_the_collective_rdv()
    {
        var rdvId = await CreateAsync(capacity: 3);
        var social = await AgentWithRoleAsync(organisation, await Data.ServiceAsync("Social"), "Social", AccessLevels.Basic);
        var usager = await UsagerOfOrganisationAsync("Curieux");

        (await ListAsync(social)).Rdvs.Should().BeEmpty();
        (await AllowedAsync(social, new AddCollectiveParticipantCommand(organisation, rdvId, usager, false))).Should().BeFalse();
        (await AllowedAsync(social, new GetCollectiveRdvFormQuery(organisation, rdvId))).Should().BeFalse();
        (await AllowedAsync(social, Command(3))).Should().BeFalse("the motif is not of his services");
    }

    private CreateCollectiveRdvCommand Command(int? capacity) =>
        new(organisation, motif, LocalStart, 90, "Atelier des parents", capacity, lieu, [admin], "Salle du fond");

    private async Task<long> CreateAsync(int? capacity)
    {
        var command = Command(capacity);
        var created = await AsAgentAsync(admin, command, sp => New<CreateCollectiveRdvHandler>(sp).Handle(command, Ct));
        created.IsSuccess.Should().BeTrue(created.IsFailure ? created.Error.Message : "");
        return created.Value;
    }

    private Task<CollectiveRdvList> ListAsync(long agentId, bool onlyWithSeats = false)
    {
        var query = new ListCollectiveRdvsQuery(organisation, null, null, null, onlyWithSeats);
        return AsAgentAsync(agentId, query, sp => New<ListCollectiveRdvsHandler>(sp).Handle(query, Ct));
    }

    private async Task<long> UsagerOfOrganisationAsync(string lastName)
    {
        var usager = await Data.UsagerAsync("Léa", lastName, $"{lastName.ToLowerInvariant()}@example.fr");
        await Scope.Get<IUsagerRepository>().AddFamilyToOrganisationAsync(usager, organisation, Ct);
        return usager;
    }

    private Task<Result<long>> AgentAddAsync(long usager, long rdvId, bool overbook)
    {
        var command = new AddCollectiveParticipantCommand(organisation, rdvId, usager, overbook);
        return AsAgentAsync(admin, command, sp => New<AddCollectiveParticipantHandler>(sp).Handle(command, Ct));
    }

    /// <summary>The usager-side "S'inscrire" in its own scope and transaction, as its page sends it.</summary>
    private async Task<Result<long>> UsagerJoinAsync(long usager, long rdvId)
    {
        await using var scope = AppScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.DbSession>();
        await db.BeginAsync(Ct);
        var joined = await New<JoinCollectiveRdvHandler>(scope.ServiceProvider).Handle(new JoinCollectiveRdvCommand(usager, rdvId, usager), Ct);
        if (joined.IsSuccess) await db.CommitAsync(Ct);
        else await db.RollbackAsync(Ct);
        return joined;
    }
}
