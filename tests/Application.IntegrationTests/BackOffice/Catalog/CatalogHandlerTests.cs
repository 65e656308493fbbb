using FluentValidation;
using Npgsql;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Organisations.Catalog;

namespace RdvSP.Application.IntegrationTests.BackOffice.Catalog;

/// <summary>
/// The catalogue's use cases on the real PostgreSQL, run the way the Mediator pipeline runs them
/// (policy, validator, handler in one transaction): scoping, locks, refusals that write nothing,
/// references that keep a lieu, and the inputs version moving on every committed write.
/// </summary>
public sealed class CatalogHandlerTests : DatabaseTest
{
    private long territory;
    private long organisationA;
    private long organisationB;
    private long pmi;
    private long social;
    private long motifA;
    private long motifB;
    private long lieuA;
    private long agent;

    private ICatalogStore Store => Get<ICatalogStore>();
    private IOrganisationRepository Organisations => Get<IOrganisationRepository>();

    [SetUp]
    public async Task Catalogue()
    {
        territory = await Data.TerritoryAsync("26", "Drôme");
        organisationA = await Data.OrganisationAsync(territory, "MDS Alpha");
        organisationB = await Data.OrganisationAsync(territory, "MDS Beta");
        pmi = await Data.ServiceAsync("PMI");
        social = await Data.ServiceAsync("Service social");
        motifA = await Data.MotifAsync(organisationA, pmi, "Consultation prénatale");
        await Data.MotifAsync(organisationA, social, "Entretien social", bookableBy: BookableBy.Agents);
        motifB = await Data.MotifAsync(organisationB, pmi, "Consultation prénatale");
        lieuA = await Data.LieuAsync(organisationA, "MDS Valence centre");
        agent = await Data.AgentAsync(organisationA, pmi, "Martin", "claire.martin@exemple.fr");
    }

    private AgentAccess Admin => new(agent, organisationA, territory, AgentAccess.Admin, [pmi], false, false);
    private AgentAccess BasicPmi => new(agent, organisationA, territory, AgentAccess.Basic, [pmi], false, false);
    private AgentAccess Secretary => new(agent, organisationA, territory, AgentAccess.Basic, [], true, false);

    /// <summary>What the pipeline does: the policy, the validator, then the handler in a transaction rolled back on failure.</summary>
    private async Task<T> RunAsync<TRequest, T>(AgentAccess access, TRequest request, IPolicy<TRequest> policy, IValidator<TRequest>? validator, Func<Task<T>> handler)
    {
        if (!await policy.AllowsAsync(access, request, Ct)) throw new AccessDeniedException(AccessDenial.Forbidden, typeof(TRequest).Name);
        if (validator is not null)
        {
            var result = await validator.ValidateAsync(request, Ct);
            if (!result.IsValid)
                throw new ValidationFailedException(result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
        }
        await Scope.Db.BeginAsync(Ct);
        try
        {
            var value = await handler();
            await Scope.Db.CommitAsync(Ct);
            return value;
        }
        catch
        {
            await Scope.Db.RollbackAsync(Ct);
            throw;
        }
    }

    private static async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await IntegrationDatabase.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<long> VersionAsync() => ScalarAsync("select coalesce(max(version), 0) from availability.inputs_version");

    private UpdateMotifCommand Update(long motifId, string name = "Consultation prénatale", string locationType = LocationTypes.PublicOffice, int duration = 30) => new()
    {
        OrganisationId = organisationA, MotifId = motifId, Name = name, ServiceId = pmi, DefaultDurationInMin = duration, Color = "#336699",
        LocationType = locationType, BookableBy = BookableBy.Everyone,
    };

    private Task UpdateAsync(AgentAccess access, UpdateMotifCommand command) =>
        RunAsync(access, command, new UpdateMotifPolicy(Store), new UpdateMotifValidator(),
            async () => await new UpdateMotifHandler(Organisations, Store, TimeProvider.System).Handle(command, Ct));

    [Test]
    public async Task The_motif_list_is_scoped_by_the_agent_s_services_and_filtered()
    {
        (await Store.ListMotifsAsync(BasicPmi, new MotifFilter(), Ct)).Select(m => m.Name).Should().Equal("Consultation prénatale");
        (await Store.ListMotifsAsync(Secretary, new MotifFilter(), Ct)).Should().HaveCount(2);
        (await Store.ListMotifsAsync(Admin, new MotifFilter(BookableOnline: false), Ct)).Select(m => m.Name).Should().Equal("Entretien social");
        (await Store.ListMotifsAsync(Admin, new MotifFilter(Search: "PRENATALE"), Ct)).Select(m => m.Id).Should().Equal(motifA);
        (await Store.ListMotifsAsync(Admin, new MotifFilter(Search: "100%_"), Ct)).Should().BeEmpty("LIKE wildcards are searched as text");
        (await Store.ListMotifsAsync(Admin, new MotifFilter(ServiceId: social), Ct)).Select(m => m.Name).Should().Equal("Entretien social");
    }

    [Test]
    public async Task A_used_motif_keeps_its_location_type_and_a_refused_update_writes_nothing()
    {
        var usager = await Data.UsagerAsync();
        var starts = new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);
        await Get<IRdvRepository>().InsertAsync(TestData.AgentBooking(new World(territory, organisationA, pmi, motifA, lieuA, agent, usager), starts), Ct);
        var before = await ScalarAsync("select hashtext(m::text)::bigint from organisations.motifs m where id = @id", ("id", motifA));

        var locked = async () => await UpdateAsync(Admin, Update(motifA, locationType: LocationTypes.Phone, duration: 45));

        (await locked.Should().ThrowAsync<ValidationFailedException>()).Which.Errors[nameof(MotifInput.LocationType)].Should().Equal(UpdateMotifHandler.LockedMessage);
        (await ScalarAsync("select hashtext(m::text)::bigint from organisations.motifs m where id = @id", ("id", motifA))).Should().Be(before);

        var version = await VersionAsync();
        await UpdateAsync(Admin, Update(motifA, duration: 45));
        (await ScalarAsync("select default_duration_in_min from organisations.motifs where id = @id", ("id", motifA))).Should().Be(45);
        (await VersionAsync()).Should().BeGreaterThan(version, "the slot engine's caches must drop the old duration");
    }

    [Test]
    public async Task An_unused_motif_changes_its_location_type()
    {
        await UpdateAsync(Admin, Update(motifA, locationType: LocationTypes.Visio));

        (await Organisations.GetMotifAsync(motifA, Ct))!.LocationType.Should().Be(LocationTypes.Visio);
    }

    [Test]
    public async Task Motifs_of_another_organisation_services_not_offered_and_basic_agents_are_refused()
    {
        var ofB = async () => await UpdateAsync(Admin, Update(motifB) with { OrganisationId = organisationA });
        var basic = async () => await UpdateAsync(BasicPmi, Update(motifA));
        var farService = await Data.ServiceAsync("Service d'un autre territoire");
        var create = new CreateMotifCommand { OrganisationId = organisationA, Name = "Ailleurs", ServiceId = farService };

        await ofB.Should().ThrowAsync<AccessDeniedException>();
        await basic.Should().ThrowAsync<AccessDeniedException>();
        (await new CreateMotifPolicy(Store).AllowsAsync(Admin, create, Ct)).Should().BeFalse();
        (await new CreateMotifPolicy(Store).AllowsAsync(Admin, create with { ServiceId = social }, Ct)).Should().BeTrue();
        (await new DeleteMotifPolicy(Store).AllowsAsync(Admin, new DeleteMotifCommand(organisationA, motifB), Ct)).Should().BeFalse();
        (await new GetMotifPolicy(Store).AllowsAsync(BasicPmi, new GetMotifQuery(organisationA, motifA), Ct)).Should().BeTrue();
        (await Organisations.GetMotifAsync(motifB, Ct))!.Name.Should().Be("Consultation prénatale");
    }

    [TestCase(0, "La durée par défaut doit être supérieure à 0 minute.")]
    [TestCase(10_000, "La durée par défaut ne peut pas dépasser 720 minutes (12 heures).")]
    public async Task A_bad_duration_is_refused_in_french_and_nothing_is_written(int duration, string message)
    {
        var command = new CreateMotifCommand { OrganisationId = organisationA, Name = "Durée absurde", ServiceId = pmi, DefaultDurationInMin = duration };

        var create = async () => await RunAsync(Admin, command, new CreateMotifPolicy(Store), new CreateMotifValidator(),
            async () => await new CreateMotifHandler(Organisations, Store).Handle(command, Ct));

        (await create.Should().ThrowAsync<ValidationFailedException>()).Which.Errors[nameof(MotifInput.DefaultDurationInMin)].Should().Equal(message);
        (await ScalarAsync("select count(*) from organisations.motifs where name = 'Durée absurde'")).Should().Be(0);
    }

    [Test]
    public async Task Deleting_a_motif_is_a_soft_delete_that_leaves_the_lists()
    {
        var command = new DeleteMotifCommand(organisationA, motifA);
        await RunAsync(Admin, command, new DeleteMotifPolicy(Store), null, async () => await new DeleteMotifHandler(Store, TimeProvider.System).Handle(command, Ct));

        (await Organisations.GetMotifAsync(motifA, Ct))!.DeletedAt.Should().NotBeNull();
        (await Store.ListMotifsAsync(Admin, new MotifFilter(), Ct)).Should().NotContain(m => m.Id == motifA);
        (await new UpdateMotifPolicy(Store).AllowsAsync(Admin, Update(motifA), Ct)).Should().BeFalse("a deleted motif is no longer edited");
    }

    [Test]
    public async Task A_lieu_referenced_by_a_plage_or_an_rdv_is_kept_and_an_unreferenced_one_is_deleted()
    {
        await Data.WeeklyPlageAsync(agent, organisationA, lieuA, [motifA], new DateOnly(2026, 3, 9));
        var spare = await Data.LieuAsync(organisationA, "Annexe");

        var kept = await RunAsync(Admin, new DeleteLieuCommand(organisationA, lieuA), new DeleteLieuPolicy(Store), null,
            async () => await new DeleteLieuHandler(Store).Handle(new DeleteLieuCommand(organisationA, lieuA), Ct));
        var deleted = await RunAsync(Admin, new DeleteLieuCommand(organisationA, spare), new DeleteLieuPolicy(Store), null,
            async () => await new DeleteLieuHandler(Store).Handle(new DeleteLieuCommand(organisationA, spare), Ct));

        kept.Any.Should().BeTrue();
        kept.Plages.Should().ContainSingle().Which.AgentId.Should().Be(agent);
        (await Organisations.GetLieuAsync(lieuA, Ct)).Should().NotBeNull();
        deleted.Any.Should().BeFalse();
        (await Organisations.GetLieuAsync(spare, Ct)).Should().BeNull();
        (await new DeleteLieuPolicy(Store).AllowsAsync(new AgentAccess(agent, organisationB, territory, AgentAccess.Admin, [pmi], false, false),
            new DeleteLieuCommand(organisationB, lieuA), Ct)).Should().BeFalse("a lieu of another organisation");
    }

    [Test]
    public async Task A_lieu_is_saved_with_its_coordinates_and_a_single_use_lieu_stays_single_use()
    {
        var create = new CreateLieuCommand { OrganisationId = organisationA, Name = "Maison des familles", Address = "12 Rue de la République 26000 Valence", Latitude = 44.9334, Longitude = 4.8924, PhoneNumber = "04 75 11 22 33" };
        var id = await RunAsync(Admin, create, new CreateLieuPolicy(), new CreateLieuValidator(), async () => await new CreateLieuHandler(Organisations).Handle(create, Ct));
        var lieu = (await Organisations.GetLieuAsync(id, Ct))!;
        lieu.Should().BeEquivalentTo(new { Latitude = 44.9334, Longitude = 4.8924, PhoneNumberFormatted = "+33475112233", Availability = LieuAvailabilities.Enabled });

        var singleUse = await Organisations.AddLieuAsync(new NewLieu(organisationA, "Domicile", "1 rue Ailleurs", 44.9, 4.9, Availability: LieuAvailabilities.SingleUse), Ct);
        var update = new UpdateLieuCommand { OrganisationId = organisationA, LieuId = singleUse, Name = "Domicile", Address = "1 rue Ailleurs", Latitude = 44.9, Longitude = 4.9, Enabled = false };
        await RunAsync(Admin, update, new UpdateLieuPolicy(Store), new UpdateLieuValidator(), async () => await new UpdateLieuHandler(Store).Handle(update, Ct));
        (await Organisations.GetLieuAsync(singleUse, Ct))!.Availability.Should().Be(LieuAvailabilities.SingleUse);
        (await Store.ListLieuxAsync(organisationA, Ct)).Should().NotContain(l => l.Id == singleUse);

        var unlocated = new CreateLieuCommand { OrganisationId = organisationA, Name = "Sans coordonnées", Address = "Quelque part" };
        (await new CreateLieuValidator().ValidateAsync(unlocated, Ct)).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be("Choisissez l'adresse parmi les suggestions : elle doit être localisée.");
    }

    [Test]
    public async Task Organisation_settings_refuse_a_name_taken_in_the_territory_and_online_booking_counts_plages()
    {
        var taken = new UpdateOrganisationSettingsCommand { OrganisationId = organisationA, Name = "MDS Beta" };
        var refused = async () => await RunAsync(Admin, taken, new UpdateOrganisationSettingsPolicy(), new UpdateOrganisationSettingsValidator(),
            async () => await new UpdateOrganisationSettingsHandler(Store).Handle(taken, Ct));
        (await refused.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Name");
        (await Store.OrganisationSettingsAsync(organisationA, Ct)).Name.Should().Be("MDS Alpha");
        (await new UpdateOrganisationSettingsPolicy().AllowsAsync(BasicPmi, taken, Ct)).Should().BeFalse();

        var renamed = taken with { Name = "MDS Alpha Valence", ReminderLeadHours = 24, TimeZone = "Europe/Paris" };
        await RunAsync(Admin, renamed, new UpdateOrganisationSettingsPolicy(), new UpdateOrganisationSettingsValidator(),
            async () => await new UpdateOrganisationSettingsHandler(Store).Handle(renamed, Ct));
        (await Store.OrganisationSettingsAsync(organisationA, Ct)).Should().BeEquivalentTo(new { Name = "MDS Alpha Valence", ReminderLeadHours = 24 });

        await Data.WeeklyPlageAsync(agent, organisationA, lieuA, [motifA], new DateOnly(2026, 3, 9));
        var booking = await Store.OnlineBookingAsync(organisationA, Now, Ct);
        booking.Sectorised.Should().BeFalse();
        booking.Motifs.Single(m => m.Id == motifA).Should().BeEquivalentTo(new { PlageCount = 1, BookableOnline = true, Offered = true });
        booking.Motifs.Single(m => m.Name == "Entretien social").Should().BeEquivalentTo(new { PlageCount = 0, BookableOnline = false, Offered = false });
    }
}
