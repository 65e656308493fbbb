using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Application.IntegrationTests.Usagers;

public sealed class UsagerRepositoryTests : DatabaseTest
{
    private IUsagerRepository Usagers => Get<IUsagerRepository>();

    [Test]
    public async Task Usager_round_trips_and_is_found_by_email_case_insensitively()
    {
        var input = new NewUsager("Léa", "Martin", CreatedThrough.UserSignUp, " Lea.Martin@Example.fr ", "06 12 34 56 78", "+33612345678", new DateOnly(1992, 4, 14),
            "Dubois", "15 rue Émile Augier", "Bât. B", "26362", "26000", "Valence", null, NotifyBySms: false, NotifyByEmail: true, ConfirmedAt: Now);

        var id = await Usagers.AddAsync(input, Ct);
        var usager = await Usagers.FindByEmailAsync("lea.martin@example.fr", Ct);

        usager.Should().BeEquivalentTo(input with { Email = "Lea.Martin@Example.fr" }, options => options.ExcludingMissingMembers());
        usager!.Id.Should().Be(id);
        usager.IsRelative.Should().BeFalse();
        usager.CreatedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Blank_emails_are_stored_as_null_so_many_usagers_can_have_none()
    {
        await Data.UsagerAsync("A", "Un", email: "");
        await Data.UsagerAsync("B", "Deux", email: "  ");

        (await IntegrationDatabase.ScalarAsync<long>("select count(*) from usagers.users where email is null")).Should().Be(2);
    }

    [Test]
    public async Task Profile_update_changes_the_editable_fields()
    {
        var id = await Data.UsagerAsync();

        var updated = await Usagers.UpdateProfileAsync(id, new UsagerProfileUpdate("Léa", "Martin", "Dubois", new DateOnly(1991, 1, 1), "07 00 00 00 00", "+33700000000",
            "1 place Jacquemart", null, "26281", "26100", "Romans-sur-Isère", true, false), Ct);

        updated.Should().BeTrue();
        var usager = await Usagers.GetAsync(id, Ct);
        usager!.LastName.Should().Be("Martin");
        usager.BirthDate.Should().Be(new DateOnly(1991, 1, 1));
        usager.CityName.Should().Be("Romans-sur-Isère");
        usager.NotifyByEmail.Should().BeFalse();
    }

    [Test]
    public async Task Family_is_self_relatives_and_responsible()
    {
        var parent = await Data.UsagerAsync("Léa", "Martin");
        var tom = await Data.UsagerAsync("Tom", "Martin", responsibleId: parent);
        var jade = await Data.UsagerAsync("Jade", "Martin", responsibleId: parent);
        await Data.UsagerAsync("Paul", "Autre");

        (await Usagers.ListRelativesAsync(parent, Ct)).Select(u => u.FirstName).Should().Equal("Jade", "Tom");
        (await Usagers.ListFamilyIdsAsync(parent, Ct)).Should().Equal(parent, tom, jade);
        (await Usagers.ListFamilyIdsAsync(tom, Ct)).Should().Equal(parent, tom);
    }

    [Test]
    public async Task A_relative_cannot_be_responsible_for_someone()
    {
        var parent = await Data.UsagerAsync("Léa", "Martin");
        var tom = await Data.UsagerAsync("Tom", "Martin", responsibleId: parent);

        var act = () => Data.UsagerAsync("Petit", "Martin", responsibleId: tom);

        (await act.Should().ThrowAsync<Npgsql.PostgresException>()).Which.SqlState.Should().Be(Npgsql.PostgresErrorCodes.CheckViolation);
    }

    [Test]
    public async Task The_whole_family_joins_an_organisation_once()
    {
        var world = await Data.WorldAsync();
        var tom = await Data.UsagerAsync("Tom", "Martin", responsibleId: world.UsagerId);

        await Usagers.AddFamilyToOrganisationAsync(tom, world.OrganisationId, Ct);
        await Usagers.AddFamilyToOrganisationAsync(world.UsagerId, world.OrganisationId, Ct);

        (await Usagers.ListOrganisationIdsAsync(world.UsagerId, Ct)).Should().Equal(world.OrganisationId);
        (await Usagers.ListOrganisationIdsAsync(tom, Ct)).Should().Equal(world.OrganisationId);
    }

    [Test]
    public async Task Referents_are_assigned_once()
    {
        var world = await Data.WorldAsync();

        await Usagers.AddReferentAsync(world.UsagerId, world.AgentId, Ct);
        await Usagers.AddReferentAsync(world.UsagerId, world.AgentId, Ct);

        (await Usagers.ListReferentAgentIdsAsync(world.UsagerId, Ct)).Should().Equal(world.AgentId);
    }

    [Test]
    public async Task Anonymisation_wipes_personal_data_of_the_usager_and_its_relatives_and_keeps_rdvs()
    {
        var world = await Data.WorldAsync();
        var tom = await Data.UsagerAsync("Tom", "Durand", responsibleId: world.UsagerId);
        var stranger = await Data.UsagerAsync("Paul", "Autre", email: "paul@example.fr");
        await Usagers.UpdateProfileAsync(world.UsagerId, new UsagerProfileUpdate("Léa", "Durand", "Dubois", new DateOnly(1990, 1, 1), "06 12 34 56 78", "+33612345678",
            "15 rue Émile Augier", "Bât. B", "26362", "26000", "Valence", true, true), Ct);
        await Usagers.AddFamilyToOrganisationAsync(world.UsagerId, world.OrganisationId, Ct);
        await Usagers.AddReferentAsync(world.UsagerId, world.AgentId, Ct);
        var rdv = await Get<IRdvRepository>().InsertAsync(TestData.UsagerBooking(world, new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero)), Ct);

        var anonymised = await Usagers.AnonymiseAsync(world.UsagerId, Now, Ct);
        await Get<IUsagerAccountRepository>().DeleteAsync(world.UsagerId, Ct);

        anonymised.Should().Equal(world.UsagerId, tom);
        var usager = await Usagers.GetAsync(world.UsagerId, Ct);
        usager.Should().BeEquivalentTo(new
        {
            FirstName = "Usager", LastName = "supprimé", BirthName = (string?)null, BirthDate = (DateOnly?)null, Email = (string?)null,
            PhoneNumber = (string?)null, PhoneNumberFormatted = (string?)null, Address = (string?)null, AddressDetails = (string?)null,
            CityCode = (string?)null, PostCode = (string?)null, CityName = (string?)null, NotifyBySms = false, NotifyByEmail = false, DeletedAt = (DateTimeOffset?)Now,
        });
        (await Usagers.GetAsync(tom, Ct))!.DeletedAt.Should().Be(Now);
        (await Usagers.GetAsync(stranger, Ct))!.Email.Should().Be("paul@example.fr");
        (await Usagers.FindByEmailAsync("lea.durand@example.fr", Ct)).Should().BeNull();
        (await Usagers.ListOrganisationIdsAsync(world.UsagerId, Ct)).Should().BeEmpty();
        (await Usagers.ListReferentAgentIdsAsync(world.UsagerId, Ct)).Should().BeEmpty();
        (await Usagers.ListFamilyIdsAsync(world.UsagerId, Ct)).Should().BeEmpty();
        (await Get<IRdvRepository>().GetAsync(rdv.Value.Id, Ct))!.Participants.Single().LastName.Should().Be("supprimé", "rdvs stay for statistics");
        (await Usagers.AnonymiseAsync(world.UsagerId, Now, Ct)).Should().BeEmpty("already anonymised");
    }
}
