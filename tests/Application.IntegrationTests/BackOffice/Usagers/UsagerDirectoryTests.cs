using Npgsql;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.AgentSpace;

namespace RdvSP.Application.IntegrationTests.BackOffice.Usagers;

/// <summary>The agents' usager directory on the real PostgreSQL: full-text search, the profile rule, duplicates, merge.</summary>
public sealed class UsagerDirectoryTests : DatabaseTest
{
    private IUsagerDirectory Directory => Get<IUsagerDirectory>();
    private IUsagerRepository Usagers => Get<IUsagerRepository>();

    private long territory;
    private long organisationA;
    private long organisationB;

    [SetUp]
    public async Task Territory()
    {
        territory = await Data.TerritoryAsync("26", "Territoire des usagers");
        organisationA = await Data.OrganisationAsync(territory, "MDS Alpha");
        organisationB = await Data.OrganisationAsync(territory, "MDS Beta");
    }

    private async Task<long> UsagerAsync(long organisationId, string firstName, string lastName, string? email = null, string? phone = null, string? birthName = null, DateOnly? birthDate = null, long? responsibleId = null)
    {
        var id = await Usagers.AddAsync(new NewUsager(firstName, lastName, CreatedThrough.AgentCreation, email, phone,
            RdvSP.Application.Usagers.Common.FrenchPhone.ToE164(phone), birthDate, birthName, ResponsibleId: responsibleId), Ct);
        await Usagers.AddFamilyToOrganisationAsync(id, organisationId, Ct);
        return id;
    }

    private Task<IReadOnlyList<UsagerRow>> SearchAsync(long organisationId, string term, long[]? exclude = null, int limit = 20) =>
        Directory.SearchAsync(organisationId, new UsagerSearch(SearchTerms.Parse(term), null, exclude ?? [], limit), Ct);

    private async Task<IReadOnlyList<long>> IdsAsync(long organisationId, string term) => (await SearchAsync(organisationId, term)).Select(r => r.Id).ToList();

    [Test]
    public async Task Search_matches_word_prefixes_ignoring_accents_and_case()
    {
        var elodie = await UsagerAsync(organisationA, "Élodie", "Lefèvre-Dupré", birthName: "N'Guessan");
        var martin = await UsagerAsync(organisationA, "Paul", "Martin");
        var martine = await UsagerAsync(organisationA, "Anne", "Martine");

        (await IdsAsync(organisationA, "elo lefe")).Should().Equal(elodie);
        (await IdsAsync(organisationA, "ÉLODIE")).Should().Equal(elodie);
        (await IdsAsync(organisationA, "dupre")).Should().Equal(new[] { elodie }, "each part of a hyphenated name is a word");
        (await IdsAsync(organisationA, "guessan")).Should().Equal(new[] { elodie }, "the birth name is searched");
        (await IdsAsync(organisationA, "martin")).Should().BeEquivalentTo([martin, martine]);
        (await IdsAsync(organisationA, "martine")).Should().Equal(new[] { martine }, "no stemming: Martine is not Martin");
        (await IdsAsync(organisationA, "elodie martin")).Should().BeEmpty("every word must match");
    }

    [Test]
    public async Task Search_finds_an_email_whole_or_by_its_parts()
    {
        var marie = await UsagerAsync(organisationA, "Marie", "Dupont", email: "marie.dupont@exemple.fr");
        await UsagerAsync(organisationA, "Jean", "Durand", email: "jean@ailleurs.fr");

        (await IdsAsync(organisationA, "marie.dupont@exemple.fr")).Should().Equal(marie);
        (await IdsAsync(organisationA, "exemple")).Should().Equal(marie);
        (await IdsAsync(organisationA, "marie.dup")).Should().Equal(marie);
    }

    [TestCase("0612")]
    [TestCase("06 12 34 56 78")]
    [TestCase("06.12.34")]
    [TestCase("+33 6 12 34 56 78")]
    [TestCase("+33612")]
    [TestCase("0033 6 12 34")]
    [TestCase("33612345678")]
    public async Task Search_finds_a_phone_in_every_usual_format(string term)
    {
        var marie = await UsagerAsync(organisationA, "Marie", "Dupont", phone: "06 12 34 56 78");
        await UsagerAsync(organisationA, "Jean", "Durand", phone: "07 98 76 54 32");

        (await IdsAsync(organisationA, term)).Should().Equal(marie);
    }

    [Test]
    public async Task A_usager_of_another_organisation_is_never_found_unless_the_territory_shares_usagers()
    {
        var inA = await UsagerAsync(organisationA, "Camille", "Rousseau");
        var inB = await UsagerAsync(organisationB, "Camille", "Roussel");
        var otherTerritory = await Data.OrganisationAsync(await Data.TerritoryAsync("07", "Ardèche"), "MDS Gamma");
        var elsewhere = await UsagerAsync(otherTerritory, "Camille", "Rousset");
        var deleted = await UsagerAsync(organisationA, "Camille", "Roux");
        await Usagers.AnonymiseAsync(deleted, Now, Ct);

        (await IdsAsync(organisationA, "camille rous")).Should().Equal(inA);
        (await Directory.CountVisibleAsync(organisationA, [inA, inB, elsewhere], Ct)).Should().Be(1);
        (await Directory.SearchTerritoryAsync(organisationA, SearchTerms.Parse("camille"), 10, Ct)).Select(r => r.Id).Should().Equal(inB);
        (await Directory.IsInTerritoryAsync(organisationA, inB, Ct)).Should().BeTrue();
        (await Directory.IsInTerritoryAsync(organisationA, elsewhere, Ct)).Should().BeFalse();

        await IntegrationDatabase.ScalarAsync<int>($"update organisations.territories set visible_users_throughout_the_territory = true where id = {territory} returning 1");

        (await IdsAsync(organisationA, "camille rous")).Should().BeEquivalentTo([inA, inB]);
        (await Directory.CountVisibleAsync(organisationA, [inA, inB, elsewhere], Ct)).Should().Be(2);
        (await Directory.SearchTerritoryAsync(organisationA, SearchTerms.Parse("camille"), 10, Ct)).Should().BeEmpty("all of them are visible already");
    }

    [Test]
    public async Task Search_leaves_out_excluded_ids_and_stops_at_the_limit()
    {
        var ids = new List<long>();
        for (var i = 0; i < 25; i++) ids.Add(await UsagerAsync(organisationA, "Lou", $"Bernard{i:00}"));

        (await SearchAsync(organisationA, "lou", limit: 20)).Should().HaveCount(20);
        (await SearchAsync(organisationA, "bernard0", exclude: [ids[0], ids[1]])).Select(r => r.Id).Should().Equal(ids.Skip(2).Take(8));
    }

    [Test]
    public async Task Referent_filter_lists_the_usagers_an_agent_follows()
    {
        var service = await Data.ServiceAsync();
        var agent = await Data.AgentAsync(organisationA, service);
        var followed = await UsagerAsync(organisationA, "Inès", "Suivie");
        await UsagerAsync(organisationA, "Hugo", "Libre");
        await Usagers.AddReferentAsync(followed, agent, Ct);

        var rows = await Directory.SearchAsync(organisationA, new UsagerSearch(SearchTerms.Parse(null), agent, [], 50), Ct);

        rows.Select(r => r.Id).Should().Equal(followed);
    }

    [Test]
    public async Task Same_email_is_found_whatever_its_case_and_look_alikes_by_names_and_birth_date_or_phone()
    {
        var lea = await UsagerAsync(organisationA, "Léa", "Durand", email: "lea@exemple.fr", birthDate: new DateOnly(1990, 5, 17));
        var phoneTwin = await UsagerAsync(organisationA, "Zoé", "Autre", phone: "06 11 22 33 44");
        await UsagerAsync(organisationB, "Lea", "DURAND", birthDate: new DateOnly(1990, 5, 17));

        var owner = await Directory.FindByEmailAsync(organisationB, " LEA@Exemple.FR ", null, Ct);
        owner!.Id.Should().Be(lea);
        owner.Visible.Should().BeFalse();
        owner.InTerritory.Should().BeTrue();
        (await Directory.FindByEmailAsync(organisationA, "lea@exemple.fr", lea, Ct)).Should().BeNull("the usager edited keeps his own e-mail");

        var candidate = new UsagerRecord { FirstName = "LEA", LastName = "durand", BirthDate = new DateOnly(1990, 5, 17), PhoneNumberFormatted = "+33611223344" };
        (await Directory.FindLookAlikesAsync(organisationA, candidate, null, Ct)).Select(l => l.Id).Should().BeEquivalentTo([lea, phoneTwin],
            "only the organisation's usagers are compared: B's Léa Durand is not shown to A");
        (await Directory.FindLookAlikesAsync(organisationA, candidate with { BirthDate = new DateOnly(1990, 5, 18), PhoneNumberFormatted = null }, null, Ct)).Should().BeEmpty();
    }

    [Test]
    public async Task Merge_moves_rdvs_relatives_referents_profiles_and_account_then_anonymises_the_other()
    {
        var world = await Data.WorldAsync();
        var kept = await UsagerAsync(world.OrganisationId, "Marie", "Dupont", email: "marie@exemple.fr");
        var merged = await UsagerAsync(organisationB, "Marie", "Dupond", email: "marie.dupond@exemple.fr", phone: "06 12 34 56 78");
        await Usagers.AddFamilyToOrganisationAsync(merged, world.OrganisationId, Ct);
        var child = await UsagerAsync(organisationB, "Tom", "Dupond", responsibleId: merged);
        await Usagers.AddReferentAsync(merged, world.AgentId, Ct);
        await Get<IUsagerAccountRepository>().CreateAsync(merged, "hash", Now, Ct);
        var rdvs = Get<IRdvRepository>();
        var shared = (await rdvs.InsertAsync(TestData.AgentBooking(world, Now.AddDays(1)) with { Participants = [new NewParticipation(kept), new NewParticipation(merged)] }, Ct)).Value.Id;
        var own = (await rdvs.InsertAsync(TestData.AgentBooking(world, Now.AddDays(2)) with { Participants = [new NewParticipation(merged)] }, Ct)).Value.Id;
        var keptRecord = (await Directory.GetRecordAsync(kept, Ct))!;
        var mergedRecord = (await Directory.GetRecordAsync(merged, Ct))!;
        var combined = MergeAttributes.Combine(keptRecord, mergedRecord, new Dictionary<MergeAttribute, int> { [MergeAttribute.Email] = 2, [MergeAttribute.PhoneNumber] = 2 });

        await Scope.Db.BeginAsync(Ct);
        await Directory.MergeAsync(combined, merged, accountFollowsMerged: true, Now, Ct);
        await Scope.Db.CommitAsync(Ct);

        var after = (await Directory.GetRecordAsync(kept, Ct))!;
        after.Email.Should().Be("marie.dupond@exemple.fr");
        after.PhoneNumberFormatted.Should().Be("+33612345678");
        after.LastName.Should().Be("Dupont");
        after.HasAccount.Should().BeTrue("the account follows the e-mail kept");
        (await Directory.GetRecordAsync(merged, Ct)).Should().BeNull("the merged usager is deleted");
        (await Usagers.GetAsync(merged, Ct))!.LastName.Should().Be("supprimé");
        (await IntegrationDatabase.ScalarAsync<long>($"select count(*) from booking.participations where user_id = {merged}")).Should().Be(0);
        (await IntegrationDatabase.ScalarAsync<long>($"select count(*) from booking.participations where user_id = {kept}")).Should().Be(2);
        (await IntegrationDatabase.ScalarAsync<int>($"select users_count from booking.rdvs where id = {shared}")).Should().Be(1, "a seat both held is counted once");
        (await IntegrationDatabase.ScalarAsync<long>($"select user_id from booking.participations where rdv_id = {own}")).Should().Be(kept);
        (await Usagers.GetAsync(child, Ct))!.ResponsibleId.Should().Be(kept);
        (await Usagers.ListReferentAgentIdsAsync(kept, Ct)).Should().Equal(world.AgentId);
        (await Usagers.ListOrganisationIdsAsync(kept, Ct)).Should().BeEquivalentTo([world.OrganisationId, organisationB]);
        (await Usagers.ListOrganisationIdsAsync(merged, Ct)).Should().BeEmpty();
    }

    [Test]
    public async Task A_merge_that_fails_half_way_writes_nothing()
    {
        var world = await Data.WorldAsync();
        var parent = await UsagerAsync(world.OrganisationId, "Léa", "Parent");
        var kept = await UsagerAsync(world.OrganisationId, "Jade", "Enfant", responsibleId: parent);
        var merged = await UsagerAsync(world.OrganisationId, "Jade", "Enfant");
        var grandChild = await UsagerAsync(world.OrganisationId, "Noé", "Enfant", responsibleId: merged);
        var rdv = (await Get<IRdvRepository>().InsertAsync(TestData.AgentBooking(world, Now.AddDays(1)) with { Participants = [new NewParticipation(merged)] }, Ct)).Value.Id;
        var keptRecord = (await Directory.GetRecordAsync(kept, Ct))!;

        // Moving the merged usager's relatives under a relative breaks the one-level family rule: the
        // database refuses after the participations were already moved in the transaction.
        await Scope.Db.BeginAsync(Ct);
        var merge = async () => await Directory.MergeAsync(keptRecord with { Email = "jade@exemple.fr" }, merged, accountFollowsMerged: false, Now, Ct);
        await merge.Should().ThrowAsync<PostgresException>();
        await Scope.Db.RollbackAsync(Ct);

        (await IntegrationDatabase.ScalarAsync<long>($"select user_id from booking.participations where rdv_id = {rdv}")).Should().Be(merged);
        (await Usagers.GetAsync(merged, Ct))!.DeletedAt.Should().BeNull();
        (await Usagers.GetAsync(grandChild, Ct))!.ResponsibleId.Should().Be(merged);
        (await Usagers.GetAsync(kept, Ct))!.Email.Should().BeNull();
    }
}
