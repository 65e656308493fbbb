using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.IntegrationTests.Support;

/// <summary>Small builders over the real repositories, with defaults a test can override.</summary>
public sealed class TestData(TestScope scope)
{
    private static CancellationToken Ct => CancellationToken.None;

    private IOrganisationRepository Organisations => scope.Get<IOrganisationRepository>();

    public async Task<long> TerritoryAsync(string departement = "26", string name = "Drôme") =>
        await Organisations.AddTerritoryAsync(new NewTerritory(departement, name), Ct);

    public async Task<long> OrganisationAsync(long territoryId, string name = "MDS Valence", string timeZone = "Europe/Paris") =>
        await Organisations.AddOrganisationAsync(new NewOrganisation(territoryId, name, PhoneNumber: "04 75 00 00 00", TimeZone: timeZone), Ct);

    public Task<long> ServiceAsync(string name = "PMI") => Organisations.EnsureServiceAsync(name, name, Ct);

    public Task<long> MotifAsync(
        long organisationId,
        long serviceId,
        string name = "Consultation",
        string locationType = LocationTypes.PublicOffice,
        string bookableBy = BookableBy.Everyone,
        bool collectif = false,
        int duration = 30) =>
        Organisations.AddMotifAsync(
            new NewMotif(organisationId, serviceId, name, "#336699", duration, locationType, bookableBy, Collectif: collectif),
            Ct);

    public Task<long> LieuAsync(long organisationId, string name = "MDS Valence centre") =>
        Organisations.AddLieuAsync(new NewLieu(organisationId, name, "1 rue Exemple, 26000 Valence", 44.93, 4.89), Ct);

    public Task<long> AgentAsync(long organisationId, long serviceId, string lastName = "Martin", string? email = null) =>
        scope.Get<IAgentRepository>().AddAsync(
            new NewAgent("Claire", lastName, email, [serviceId], [new AgentRoleDto(organisationId, AccessLevels.Basic)]),
            Ct);

    public Task<long> UsagerAsync(string firstName = "Léa", string lastName = "Durand", string? email = null, long? responsibleId = null) =>
        scope.Get<IUsagerRepository>().AddAsync(
            new NewUsager(firstName, lastName, CreatedThrough.UserSignUp, Email: email, ResponsibleId: responsibleId, BirthDate: new DateOnly(1990, 5, 17)),
            Ct);

    /// <summary>A weekly plage every weekday 09:00–12:00 from <paramref name="firstDay"/>, open-ended.</summary>
    public Task<long> WeeklyPlageAsync(long agentId, long organisationId, long? lieuId, long[] motifIds, DateOnly firstDay) =>
        scope.Get<IOpeningPeriodRepository>().AddAsync(
            new NewOpeningPeriod(
                agentId,
                organisationId,
                lieuId,
                "Permanence",
                firstDay,
                new TimeOnly(9, 0),
                new TimeOnly(12, 0),
                $$"""{"every":"week","interval":1,"starts":"{{firstDay:yyyy-MM-dd}}T00:00:00+01:00","on":["monday","tuesday","wednesday","thursday","friday"],"day":[1,2,3,4,5]}""",
                null,
                motifIds),
            Ct);

    /// <summary>The common world of a booking test: one organisation, motif, lieu, agent, usager.</summary>
    public async Task<World> WorldAsync()
    {
        var territory = await TerritoryAsync();
        var organisation = await OrganisationAsync(territory);
        var service = await ServiceAsync();
        var motif = await MotifAsync(organisation, service);
        var lieu = await LieuAsync(organisation);
        var agent = await AgentAsync(organisation, service);
        var usager = await UsagerAsync(email: "lea.durand@example.fr");
        return new World(territory, organisation, service, motif, lieu, agent, usager);
    }

    public static NewRdv UsagerBooking(World world, DateTimeOffset start, int minutes = 30, long? agentId = null, long? usagerId = null) =>
        new(
            world.OrganisationId,
            world.MotifId,
            world.LieuId,
            start,
            start.AddMinutes(minutes),
            [agentId ?? world.AgentId],
            [new NewParticipation(usagerId ?? world.UsagerId)],
            CreatedByTypes.User,
            usagerId ?? world.UsagerId,
            ExclusiveForAgents: true);

    public static NewRdv AgentBooking(World world, DateTimeOffset start, int minutes = 30) =>
        new(
            world.OrganisationId,
            world.MotifId,
            world.LieuId,
            start,
            start.AddMinutes(minutes),
            [world.AgentId],
            [new NewParticipation(world.UsagerId, CreatedByType: CreatedByTypes.Agent, CreatedById: world.AgentId)],
            CreatedByTypes.Agent,
            world.AgentId,
            ExclusiveForAgents: false);
}

public sealed record World(long TerritoryId, long OrganisationId, long ServiceId, long MotifId, long LieuId, long AgentId, long UsagerId);
