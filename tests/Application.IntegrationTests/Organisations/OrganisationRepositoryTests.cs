using Npgsql;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.IntegrationTests.Organisations;

public sealed class OrganisationRepositoryTests : DatabaseTest
{
    private IOrganisationRepository Repository => Get<IOrganisationRepository>();

    [TestCase("26", "metropolitan")]
    [TestCase("57", "alsace_moselle")]
    [TestCase("974", "la_reunion")]
    public async Task Territory_round_trips_with_its_holiday_calendar(string departement, string calendar)
    {
        var id = await Repository.AddTerritoryAsync(new NewTerritory(departement, $"Territoire {departement}", "04 75 00 00 00"), Ct);

        var territory = await Repository.GetTerritoryAsync(id, Ct);

        territory.Should().BeEquivalentTo(new TerritoryDto { Id = id, DepartementNumber = departement, Name = $"Territoire {departement}", PhoneNumber = "04 75 00 00 00", HolidayCalendar = calendar });
        (await Repository.FindTerritoryByNameAsync($"Territoire {departement}", Ct))!.Id.Should().Be(id);
    }

    [Test]
    public async Task Organisation_round_trips_and_external_ids_are_unique_per_territory()
    {
        var territory = await Data.TerritoryAsync("973", "Guyane");
        var id = await Repository.AddOrganisationAsync(
            new NewOrganisation(territory, "CTG Cayenne", "0594 00 00 00", "accueil@example.fr", "https://example.fr", "9h-12h", "EXT-1", "America/Cayenne"), Ct);

        var organisation = await Repository.GetOrganisationAsync(id, Ct);
        var duplicate = () => Repository.AddOrganisationAsync(new NewOrganisation(territory, "Autre", ExternalId: "EXT-1"), Ct);

        organisation.Should().BeEquivalentTo(new OrganisationDto
        {
            Id = id, TerritoryId = territory, DepartementNumber = "973", Name = "CTG Cayenne", PhoneNumber = "0594 00 00 00", Email = "accueil@example.fr",
            Website = "https://example.fr", Horaires = "9h-12h", ExternalId = "EXT-1", TimeZone = "America/Cayenne", Verticale = "rdv_solidarites", NewDomain = false,
        });
        (await duplicate.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
    }

    [Test]
    public async Task Services_are_ensured_once_case_insensitively()
    {
        var first = await Repository.EnsureServiceAsync("Service social", "Social", Ct);
        var again = await Repository.EnsureServiceAsync("SERVICE SOCIAL", "Social", Ct);
        await Repository.EnsureServiceAsync("PMI", "PMI", Ct);

        again.Should().Be(first);
        (await Repository.ListServicesAsync(Ct)).Select(s => s.Name).Should().Equal("PMI", "Service social");
    }

    [Test]
    public async Task Motif_round_trips_every_column_with_its_slug()
    {
        var world = await Data.WorldAsync();
        var input = new NewMotif(world.OrganisationId, world.ServiceId, "Démarches : Carte d'identité", "#abc", 45, LocationTypes.Phone, BookableBy.AgentsAndPrescripteurs,
            FollowUp: true, MinPublicBookingDelay: 3600, MaxPublicBookingDelay: 86400 * 30, VisibilityType: VisibilityTypes.Invisible, SectorisationLevel: "agent",
            RestrictionForRdv: "Avant", InstructionForRdv: "Après", CustomCancelWarningMessage: "Sûr ?", RdvsEditableByUser: false, RdvsCancellableByUser: false,
            BufferAfterMinutes: 10, SlotStepMinutes: 15);

        var id = await Repository.AddMotifAsync(input, Ct);
        var motif = await Repository.GetMotifAsync(id, Ct);

        motif.Should().BeEquivalentTo(input, options => options.ExcludingMissingMembers());
        motif!.Slug.Should().Be("demarches_carte_d_identite-phone");
        motif.ServiceName.Should().Be("PMI");
        motif.DeletedAt.Should().BeNull();
    }

    [TestCase(0)]
    [TestCase(7)]
    public async Task Motif_duration_must_be_positive_on_a_five_minute_grid(int duration)
    {
        var world = await Data.WorldAsync();

        var act = () => Data.MotifAsync(world.OrganisationId, world.ServiceId, "Invalide", duration: duration);

        (await act.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("motifs_default_duration_in_min_check");
    }

    [Test]
    public async Task Collective_motifs_must_be_on_site()
    {
        var world = await Data.WorldAsync();

        var act = () => Data.MotifAsync(world.OrganisationId, world.ServiceId, "Atelier", LocationTypes.Visio, collectif: true);

        (await act.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("motifs_collectif_on_site");
    }

    [Test]
    public async Task Lieu_round_trips()
    {
        var world = await Data.WorldAsync();
        var id = await Repository.AddLieuAsync(new NewLieu(world.OrganisationId, "Mairie", "Place de l'Hôtel de Ville", 45.5, 4.25, "04 75 11 22 33", "+33475112233", LieuAvailabilities.SingleUse), Ct);

        (await Repository.GetLieuAsync(id, Ct)).Should().BeEquivalentTo(new LieuDto
        {
            Id = id, OrganisationId = world.OrganisationId, Name = "Mairie", Address = "Place de l'Hôtel de Ville", Latitude = 45.5, Longitude = 4.25,
            PhoneNumber = "04 75 11 22 33", PhoneNumberFormatted = "+33475112233", Availability = LieuAvailabilities.SingleUse,
        });
    }

    [Test]
    public async Task Agent_round_trips_with_services_and_roles_and_is_found_by_email_case_insensitively()
    {
        var world = await Data.WorldAsync();
        var social = await Data.ServiceAsync("Service social");
        var other = await Data.OrganisationAsync(world.TerritoryId, "MDS Romans");
        var agents = Get<IAgentRepository>();

        var id = await agents.AddAsync(new NewAgent("Élodie", "Blanc", "Elodie.Blanc@Example.fr", [world.ServiceId, social],
            [new AgentRoleDto(world.OrganisationId, AccessLevels.Admin), new AgentRoleDto(other, AccessLevels.Basic)]), Ct);

        var agent = await agents.FindByEmailAsync("elodie.blanc@example.fr", Ct);
        agent!.Id.Should().Be(id);
        agent.FullName.Should().Be("Élodie Blanc");
        agent.ServiceIds.Should().Equal(world.ServiceId, social);
        agent.Roles.Should().Equal(new AgentRoleDto(world.OrganisationId, AccessLevels.Admin), new AgentRoleDto(other, AccessLevels.Basic));
        (await agents.GetAsync(id, Ct)).Should().BeEquivalentTo(agent);
    }
}
