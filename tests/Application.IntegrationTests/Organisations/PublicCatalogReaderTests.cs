using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.IntegrationTests.Organisations;

public sealed class PublicCatalogReaderTests : DatabaseTest
{
    private IPublicCatalogReader Catalog => Get<IPublicCatalogReader>();

    [Test]
    public async Task Lists_departements_having_organisations()
    {
        var drome = await Data.TerritoryAsync("26", "Drôme");
        await Data.OrganisationAsync(drome, "MDS Valence");
        await Data.OrganisationAsync(drome, "MDS Romans");
        await Data.TerritoryAsync("07", "Ardèche");

        var departements = await Catalog.ListDepartementsAsync(Ct);

        departements.Should().BeEquivalentTo([new DepartementDto { DepartementNumber = "26", TerritoryName = "Drôme", OrganisationCount = 2 }]);
    }

    [Test]
    public async Task Groups_bookable_motifs_by_name_and_location_type_across_organisations()
    {
        var c = await CatalogueAsync();

        var groups = await Catalog.ListMotifGroupsAsync(new PublicCatalogFilter("26", Now), null, Ct);

        groups.Select(g => g.Slug).Should().Equal(
            "atelier_parentalite-public_office",
            "consultation_prenatale-public_office",
            "entretien_telephonique-phone");
        groups[1].MotifIds.Should().Equal(c.PrenatalValence, c.PrenatalRomans);
        groups[1].ServiceName.Should().Be("PMI");
        groups[0].Collectif.Should().BeTrue();
        (await Catalog.ListServicesAsync(new PublicCatalogFilter("26", Now), Ct)).Select(s => s.Name).Should().Equal("PMI");
        (await Catalog.ListMotifGroupsAsync(new PublicCatalogFilter("07", Now), null, Ct)).Should().BeEmpty();
    }

    [Test]
    public async Task Prescripteurs_also_see_motifs_bookable_by_prescripteurs()
    {
        var c = await CatalogueAsync();

        var groups = await Catalog.ListMotifGroupsAsync(new PublicCatalogFilter("26", Now, PublicAudience.Prescripteur), c.Service, Ct);

        groups.Select(g => g.Name).Should().Contain("Orientation prescripteur").And.NotContain("Réservé aux agents");
    }

    [Test]
    public async Task Lieux_of_a_motif_group_are_those_of_its_plages_or_collective_rdvs()
    {
        var c = await CatalogueAsync();

        var individual = await Catalog.ListLieuxAsync(new PublicCatalogFilter("26", Now), "consultation_prenatale-public_office", Ct);
        var collective = await Catalog.ListLieuxAsync(new PublicCatalogFilter("26", Now), "atelier_parentalite-public_office", Ct);
        var restricted = await Catalog.ListLieuxAsync(new PublicCatalogFilter("26", Now, OrganisationIds: [c.Romans]), "consultation_prenatale-public_office", Ct);

        individual.Select(l => (l.LieuName, l.MotifId)).Should().Equal(("Centre Romans", c.PrenatalRomans), ("Centre Valence", c.PrenatalValence));
        individual[0].OrganisationName.Should().Be("MDS Romans");
        collective.Select(l => l.LieuName).Should().Equal("Centre Valence");
        restricted.Select(l => l.LieuName).Should().Equal("Centre Romans");
    }

    [Test]
    public async Task Organisations_of_a_remote_motif_group()
    {
        var c = await CatalogueAsync();

        var organisations = await Catalog.ListOrganisationsAsync(new PublicCatalogFilter("26", Now), "entretien_telephonique-phone", Ct);

        organisations.Should().ContainSingle().Which.Should().BeEquivalentTo(new { OrganisationId = c.Valence, Name = "MDS Valence", MotifId = c.Phone });
    }

    [Test]
    public async Task Full_or_past_collective_rdvs_and_expired_plages_do_not_make_a_motif_available()
    {
        var c = await CatalogueAsync();
        await Get<IRdvRepository>().CancelAsync(c.WorkshopRdv, RdvStatuses.Revoked, Now, Ct);

        var later = new PublicCatalogFilter("26", new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var groups = await Catalog.ListMotifGroupsAsync(new PublicCatalogFilter("26", Now), null, Ct);

        groups.Select(g => g.Slug).Should().NotContain("atelier_parentalite-public_office");
        (await Catalog.ListMotifGroupsAsync(later, null, Ct)).Select(g => g.Slug).Should().NotContain("entretien_telephonique-phone", "its plage ended in 2026");
    }

    private async Task<Catalogue> CatalogueAsync()
    {
        var territory = await Data.TerritoryAsync("26", "Drôme");
        var valence = await Data.OrganisationAsync(territory, "MDS Valence");
        var romans = await Data.OrganisationAsync(territory, "MDS Romans");
        var pmi = await Data.ServiceAsync("PMI");
        var valenceLieu = await Data.LieuAsync(valence, "Centre Valence");
        var romansLieu = await Data.LieuAsync(romans, "Centre Romans");
        var agentValence = await Data.AgentAsync(valence, pmi, "Lefebvre");
        var agentRomans = await Data.AgentAsync(romans, pmi, "Girard");

        var prenatalValence = await Data.MotifAsync(valence, pmi, "Consultation prénatale");
        var prenatalRomans = await Data.MotifAsync(romans, pmi, "Consultation Prénatale");
        var phone = await Data.MotifAsync(valence, pmi, "Entretien téléphonique", LocationTypes.Phone);
        var agentsOnly = await Data.MotifAsync(valence, pmi, "Réservé aux agents", bookableBy: BookableBy.Agents);
        var prescripteurs = await Data.MotifAsync(valence, pmi, "Orientation prescripteur", bookableBy: BookableBy.AgentsAndPrescripteurs);
        await Data.MotifAsync(valence, pmi, "Sans plage");
        var workshop = await Data.MotifAsync(valence, pmi, "Atelier parentalité", collectif: true, duration: 90);

        var monday = new DateOnly(2026, 3, 2);
        await Data.WeeklyPlageAsync(agentValence, valence, valenceLieu, [prenatalValence, agentsOnly, prescripteurs], monday);
        await Data.WeeklyPlageAsync(agentRomans, romans, romansLieu, [prenatalRomans], monday);
        await Get<Application.Availability.Abstractions.IOpeningPeriodRepository>().AddAsync(
            new Application.Availability.Abstractions.NewOpeningPeriod(agentValence, valence, null, "Téléphone", monday, new TimeOnly(14, 0), new TimeOnly(16, 0),
                """{"every":"week","interval":1,"starts":"2026-03-02T00:00:00+01:00","until":"2026-06-30T00:00:00+02:00"}""", new DateTime(2026, 6, 30, 23, 59, 59), [phone]),
            Ct);
        var start = new DateTimeOffset(2026, 3, 20, 13, 0, 0, TimeSpan.Zero);
        var rdv = await Get<IRdvRepository>().InsertAsync(
            new NewRdv(valence, workshop, valenceLieu, start, start.AddMinutes(90), [agentValence], [], CreatedByTypes.Agent, agentValence, false, "Atelier", 5), Ct);

        return new Catalogue(valence, romans, pmi, prenatalValence, prenatalRomans, phone, rdv.Value.Id);
    }

    private sealed record Catalogue(long Valence, long Romans, long Service, long PrenatalValence, long PrenatalRomans, long Phone, long WorkshopRdv);
}
