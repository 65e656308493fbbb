using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Organisations.OrganisationAgents;
using RdvSP.Domain.Common;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Application.IntegrationTests.BackOffice.Agents;

/// <summary>Agents of the organisation (REFERENCE-SURFACES §2.3.13, REFERENCE-DOMAIN §2.3) on the real database.</summary>
public sealed class OrganisationAgentHandlerTests : BackOfficeHandlerTest
{
    private long territory;
    private long organisation;
    private long pmi;
    private long social;
    private long admin;

    [SetUp]
    public async Task CreateOrganisationAsync()
    {
        territory = await Data.TerritoryAsync();
        organisation = await Data.OrganisationAsync(territory);
        pmi = await Data.ServiceAsync("PMI");
        social = await Data.ServiceAsync("Social");
        admin = await AgentWithRoleAsync(organisation, pmi, "Admin", AccessLevels.Admin, "admin@example.fr");
    }

    [Test]
    public async Task Inviting_by_email_creates_the_agent_with_his_role_and_services_and_sends_the_invitation()
    {
        var id = (await InviteAsync(new InviteOrganisationAgentCommand(organisation, AccessLevels.Basic, "nouvelle.agente@example.fr", null, null, [pmi, social]))).Value;

        var row = await GetAsync(id);
        row!.AccessLevel.Should().Be(AccessLevels.Basic);
        row.ServiceIds.Should().BeEquivalentTo([pmi, social]);
        row.InvitationPending.Should().BeTrue();
        await DispatchAllAsync();
        Emails.Sent.Should().ContainSingle(m => m.To == "nouvelle.agente@example.fr")
            .Which.TextBody.Should().Contain("/agents/invitation/accept?invitation_token=");

        // "Renvoyer l'invitation": a new e-mail with a new link.
        var reinvite = new ReinviteOrganisationAgentCommand(organisation, id);
        (await AsAgentAsync(admin, reinvite, sp => New<ReinviteOrganisationAgentHandler>(sp).Handle(reinvite, Ct))).IsSuccess.Should().BeTrue();
        await DispatchAllAsync();
        Emails.Sent.Count(m => m.To == "nouvelle.agente@example.fr").Should().Be(2);
    }

    [Test]
    public async Task An_intervenant_needs_only_a_name_has_no_email_and_gets_no_invitation()
    {
        var withEmail = new InviteOrganisationAgentCommand(organisation, AccessLevels.Intervenant, "avocat@example.fr", null, "Maître Dupont", [pmi]);
        (await ErrorsOfAsync(withEmail)).Should().ContainSingle().Which.Should().StartWith("Un intervenant n'a pas d'adresse e-mail");
        (await ErrorsOfAsync(withEmail with { Email = null, LastName = " " })).Should().ContainSingle().Which.Should().Be("Le nom de l'intervenant est obligatoire.");

        var id = (await InviteAsync(withEmail with { Email = null })).Value;

        var row = await GetAsync(id);
        row!.Email.Should().BeNull();
        row.AccessLevel.Should().Be(AccessLevels.Intervenant);
        row.InvitationPending.Should().BeFalse();
        await DispatchAllAsync();
        Emails.Sent.Should().BeEmpty();
        // He cannot use the back-office: the pipeline refuses an intervenant's every organisation request.
        (await AllowedAsync(id, new ListOrganisationAgentsQuery(organisation, null, null, false))).Should().BeFalse();
    }

    [Test]
    public async Task Bad_input_is_refused_in_french_and_writes_nothing()
    {
        var valid = new InviteOrganisationAgentCommand(organisation, AccessLevels.Basic, "x@example.fr", null, null, [pmi]);
        (await ErrorsOfAsync(valid with { Email = "pas-un-email" })).Should().ContainSingle().Which.Should().StartWith("L'adresse e-mail n'est pas valide");
        (await ErrorsOfAsync(valid with { Email = null })).Should().ContainSingle().Which.Should().Be("L'adresse e-mail est obligatoire.");
        (await ErrorsOfAsync(valid with { AccessLevel = "superadmin" })).Should().ContainSingle().Which.Should().StartWith("Choisissez un rôle");
        (await ErrorsOfAsync(valid with { ServiceIds = [] })).Should().ContainSingle().Which.Should().Be("Choisissez au moins un service.");
        var unknownService = await InviteAsync(valid with { ServiceIds = [pmi, 999_999] });
        unknownService.Error.Should().Be(OrganisationAgentErrors.UnknownService);
        (await QueryOneAsync<long>("select count(*) from organisations.agents")).Should().Be(1);

        // A basic agent may not invite (§2.6: admins only).
        var basic = await AgentWithRoleAsync(organisation, pmi, "Basique", AccessLevels.Basic, "basic@example.fr");
        (await AllowedAsync(basic, valid)).Should().BeFalse();
        (await AllowedAsync(basic, new RemoveOrganisationAgentCommand(organisation, admin))).Should().BeFalse();
    }

    [Test]
    public async Task A_known_email_adds_that_agent_to_the_organisation_once()
    {
        var other = await Data.OrganisationAsync(territory, "MDS Ailleurs");
        var elsewhere = await AgentWithRoleAsync(other, social, "Ailleurs", AccessLevels.Basic, "ailleurs@example.fr");

        var added = await InviteAsync(new InviteOrganisationAgentCommand(organisation, AccessLevels.Admin, "AILLEURS@example.fr", null, null, [pmi]));

        added.Value.Should().Be(elsewhere);
        (await GetAsync(elsewhere))!.AccessLevel.Should().Be(AccessLevels.Admin);
        var twice = await InviteAsync(new InviteOrganisationAgentCommand(organisation, AccessLevels.Basic, "ailleurs@example.fr", null, null, [pmi]));
        twice.Error.Should().Be(OrganisationAgentErrors.AlreadyMember);
    }

    [Test]
    public async Task Changing_role_and_services_keeps_one_admin_and_moves_the_inputs_version()
    {
        var agent = await AgentWithRoleAsync(organisation, pmi, "Basique", AccessLevels.Basic, "basic@example.fr");
        var before = await QueryOneAsync<long>("select coalesce((select version from availability.inputs_version), 0)");

        (await UpdateAsync(new UpdateOrganisationAgentCommand(organisation, agent, AccessLevels.Admin, "Bea", "Basique", [social], null))).IsSuccess.Should().BeTrue();

        var row = await GetAsync(agent);
        row!.AccessLevel.Should().Be(AccessLevels.Admin);
        row.ServiceIds.Should().Equal(social);
        row.FirstName.Should().Be("Bea");
        (await QueryOneAsync<long>("select version from availability.inputs_version")).Should().BeGreaterThan(before);

        // Two admins: one may step down; the last one may not.
        (await UpdateAsync(new UpdateOrganisationAgentCommand(organisation, admin, AccessLevels.Basic, null, "Admin", [pmi], null))).IsSuccess.Should().BeTrue();
        var last = await UpdateAsync(new UpdateOrganisationAgentCommand(organisation, agent, AccessLevels.Basic, null, "Basique", [social], null), agent);
        last.Error.Should().Be(OrganisationAgentErrors.LastAdmin);
        (await GetAsync(agent))!.AccessLevel.Should().Be(AccessLevels.Admin);

        // An agent with an e-mail never becomes an intervenant (he could no longer sign in but keep his account).
        var toIntervenant = await UpdateAsync(new UpdateOrganisationAgentCommand(organisation, admin, AccessLevels.Intervenant, null, "Admin", [pmi], null), agent);
        toIntervenant.Error.Should().Be(OrganisationAgentErrors.EmailAgentToIntervenant);
    }

    [Test]
    public async Task Removal_is_refused_for_oneself_and_while_rdvs_are_to_come_then_removes_the_role_and_plages()
    {
        var colleague = await AgentWithRoleAsync(organisation, pmi, "Collegue", AccessLevels.Basic, "collegue@example.fr");
        var motif = await Data.MotifAsync(organisation, pmi);
        var lieu = await Data.LieuAsync(organisation);
        var usager = await Data.UsagerAsync();
        await Data.WeeklyPlageAsync(colleague, organisation, lieu, [motif], DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)));
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var rdv = (await Scope.Get<IRdvRepository>().InsertAsync(new NewRdv(organisation, motif, lieu, start, start.AddMinutes(30), [colleague],
            [new NewParticipation(usager)], CreatedByTypes.Agent, admin, ExclusiveForAgents: false), Ct)).Value.Id;

        (await RemoveAsync(admin)).Error.Message.Should().Be("Vous ne pouvez pas vous retirer vous-même de l'organisation.");
        (await RemoveAsync(colleague)).Error.Message.Should().Be("Cet agent a des RDV à venir dans cette organisation : réattribuez-les ou annulez-les avant de le retirer.");
        (await GetAsync(colleague)).Should().NotBeNull();

        await Scope.Get<IRdvRepository>().CancelAsync(rdv, "revoked", DateTimeOffset.UtcNow, Ct);
        (await RemoveAsync(colleague)).IsSuccess.Should().BeTrue();

        (await GetAsync(colleague)).Should().BeNull();
        (await QueryOneAsync<long>($"select count(*) from availability.plage_ouvertures where agent_id = {colleague}")).Should().Be(0);
        (await QueryOneAsync<bool>($"select deleted_at is not null and email_original = 'collegue@example.fr' and email <> email_original from organisations.agents where id = {colleague}"))
            .Should().BeTrue("an agent left without organisation is soft-deleted and his e-mail freed");
    }

    [Test]
    public async Task Two_admins_removing_each_other_at_once_leave_one_admin()
    {
        var second = await AgentWithRoleAsync(organisation, pmi, "Second", AccessLevels.Admin, "second@example.fr");
        await using var first = await RemovalInTransactionAsync(admin, second);
        await using var other = await RemovalInTransactionAsync(second, admin);

        var firstResult = await first.RunAsync();
        // The other removal waits on the admins' row locks until the first one commits, then counts again.
        var otherRun = other.RunAsync();
        await first.Db.CommitAsync(Ct);
        var otherResult = await otherRun;
        await other.Db.RollbackAsync(Ct);

        firstResult.IsSuccess.Should().BeTrue();
        otherResult.Error.Should().Be(OrganisationAgentErrors.LastAdmin);
        (await QueryOneAsync<long>($"select count(*) from organisations.agent_roles where organisation_id = {organisation} and access_level = 'admin'")).Should().Be(1);
    }

    /// <summary>A removal authorised and started in its own scope, its transaction left open for the test to end.</summary>
    private async Task<PendingRemoval> RemovalInTransactionAsync(long by, long agentId)
    {
        var command = new RemoveOrganisationAgentCommand(organisation, agentId);
        (await AllowedAsync(by, command)).Should().BeTrue();
        var scope = AppScope();
        var access = (await scope.ServiceProvider.GetRequiredService<IAgentAccessReader>().GetAsync(by, organisation, Ct))!;
        scope.ServiceProvider.GetRequiredService<CurrentAgentAccess>().Set(access);
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.BeginAsync(Ct);
        return new PendingRemoval(scope, db, () => New<RemoveOrganisationAgentHandler>(scope.ServiceProvider).Handle(command, Ct).AsTask());
    }

    private sealed record PendingRemoval(AsyncServiceScope Scope, DbSession Db, Func<Task<Result>> RunAsync) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }

    private Task<Result<long>> InviteAsync(InviteOrganisationAgentCommand command) =>
        AsAgentAsync(admin, command, sp => New<InviteOrganisationAgentHandler>(sp).Handle(command, Ct));

    private Task<Result> UpdateAsync(UpdateOrganisationAgentCommand command, long? by = null) =>
        AsAgentAsync(by ?? admin, command, sp => New<UpdateOrganisationAgentHandler>(sp).Handle(command, Ct));

    private Task<Result> RemoveAsync(long agentId, long? by = null)
    {
        var command = new RemoveOrganisationAgentCommand(organisation, agentId);
        return AsAgentAsync(by ?? admin, command, sp => New<RemoveOrganisationAgentHandler>(sp).Handle(command, Ct));
    }

    private Task<OrganisationAgentRow?> GetAsync(long agentId) => Scope.Get<IOrganisationAgentStore>().GetAsync(organisation, agentId, Ct);
}
