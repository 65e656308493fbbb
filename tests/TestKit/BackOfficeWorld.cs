using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Webhooks;
using RdvSP.Domain.Availability;

namespace RdvSP.TestKit;

/// <summary>
/// The back-office's test territory, built through the application's repositories: organisation A
/// with two services (PMI and Social) plus the Secrétariat, its agents of every role, and an
/// organisation B of the same territory with its own admin. Each world has unique names and e-mails,
/// so many worlds live side by side in one test database.
/// </summary>
public sealed class BackOfficeWorld(IServiceProvider services)
{
    public const string Password = "Mot-de-passe-Agent-2027!";

    /// <summary>Text only the PMI RDV of organisation A carries: a page showing it leaked that RDV.</summary>
    public const string PmiRdvMarker = "Contexte-confidentiel-PMI";

    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];

    public long TerritoryId { get; private set; }
    public long OrganisationA { get; private set; }
    public long OrganisationB { get; private set; }
    public long PmiServiceId { get; private set; }
    public long SocialServiceId { get; private set; }
    public long SecretariatServiceId { get; private set; }
    public long LieuA { get; private set; }
    public long LieuB { get; private set; }
    public long PmiMotifA { get; private set; }
    public long SocialMotifA { get; private set; }
    public long MotifB { get; private set; }

    /// <summary>Admin of A (PMI).</summary>
    public TestAgent AdminA { get; private set; } = null!;

    /// <summary>Basic agent of A in PMI.</summary>
    public TestAgent PmiAgentA { get; private set; } = null!;

    /// <summary>Basic agent of A in Social: outside PMI.</summary>
    public TestAgent SocialAgentA { get; private set; } = null!;

    /// <summary>Basic agent of A in the Secrétariat service: sees all of A.</summary>
    public TestAgent SecretaryA { get; private set; } = null!;

    /// <summary>Basic agent (PMI) in both A and B: his home lists both organisations.</summary>
    public TestAgent TwoOrganisationsAgent { get; private set; } = null!;

    /// <summary>Intervenant of A (PMI): no e-mail, cannot sign in.</summary>
    public long IntervenantA { get; private set; }

    /// <summary>Admin of B: an agent of another organisation.</summary>
    public TestAgent AdminB { get; private set; } = null!;

    /// <summary>A usager known to organisation A (profile), with a confirmed account.</summary>
    public long UsagerA { get; private set; }
    public string UsagerAEmail => $"usager.{suffix}@test.rdv-sp.fr";
    public string UsagerALastName => $"Martin{suffix}";

    public long UsagerB { get; private set; }

    /// <summary>A future PMI RDV of A (PmiAgentA, UsagerA) whose context is <see cref="PmiRdvMarker"/>.</summary>
    public long PmiRdvA { get; private set; }
    public DateTimeOffset PmiRdvAStartsAt { get; private set; }

    public long RdvB { get; private set; }

    public long PlagePmiAgentA { get; private set; }

    /// <summary>A one-off absence of <see cref="PmiAgentA"/> next month (agent-wide).</summary>
    public long AbsencePmiAgentA { get; private set; }

    /// <summary>A webhook endpoint of organisation A (default subscriptions) whose URL answers nothing.</summary>
    public long WebhookEndpointA { get; private set; }

    public const string WebhookSecretA = "secret-du-webhook-alpha";

    public async Task<BackOfficeWorld> CreateAsync(DateTimeOffset? now = null)
    {
        var today = DateOnly.FromDateTime((now ?? DateTimeOffset.UtcNow).UtcDateTime);
        await InScopeAsync(async sp =>
        {
            var orgs = sp.GetRequiredService<IOrganisationRepository>();
            TerritoryId = await orgs.AddTerritoryAsync(new NewTerritory("26", $"Territoire {suffix}"), default);
            OrganisationA = await orgs.AddOrganisationAsync(new NewOrganisation(TerritoryId, $"MDS Alpha {suffix}", "04 75 00 00 00"), default);
            OrganisationB = await orgs.AddOrganisationAsync(new NewOrganisation(TerritoryId, $"MDS Beta {suffix}", "04 75 00 00 01"), default);
            PmiServiceId = await orgs.EnsureServiceAsync("PMI (Protection Maternelle Infantile)", "PMI", default);
            SocialServiceId = await orgs.EnsureServiceAsync("Service social", "Social", default);
            SecretariatServiceId = await orgs.EnsureServiceAsync("Secrétariat", "Secrétariat", default);
            LieuA = await orgs.AddLieuAsync(new NewLieu(OrganisationA, $"Lieu Alpha {suffix}", "1 place de la Liberté 26000 Valence", 44.933, 4.892), default);
            LieuB = await orgs.AddLieuAsync(new NewLieu(OrganisationB, $"Lieu Beta {suffix}", "2 rue des Alpes 26000 Valence", 44.93, 4.89), default);
            PmiMotifA = await orgs.AddMotifAsync(new NewMotif(OrganisationA, PmiServiceId, "Consultation PMI", "#1f77b4", 30, LocationTypes.PublicOffice, BookableBy.Everyone), default);
            SocialMotifA = await orgs.AddMotifAsync(new NewMotif(OrganisationA, SocialServiceId, "Entretien social", "#2ca02c", 45, LocationTypes.PublicOffice, BookableBy.Agents), default);
            MotifB = await orgs.AddMotifAsync(new NewMotif(OrganisationB, PmiServiceId, "Consultation PMI", "#d62728", 30, LocationTypes.PublicOffice, BookableBy.Everyone), default);
        });

        AdminA = await AgentAsync("Alice", "Admin", [PmiServiceId], OrganisationA, AccessLevels.Admin);
        PmiAgentA = await AgentAsync("Paul", "Pmi", [PmiServiceId], OrganisationA, AccessLevels.Basic);
        SocialAgentA = await AgentAsync("Sarah", "Social", [SocialServiceId], OrganisationA, AccessLevels.Basic);
        SecretaryA = await AgentAsync("Sonia", "Secretaire", [SecretariatServiceId], OrganisationA, AccessLevels.Basic);
        AdminB = await AgentAsync("Bruno", "Beta", [PmiServiceId], OrganisationB, AccessLevels.Admin);
        TwoOrganisationsAgent = await AgentAsync("Denise", "Double", [PmiServiceId], [new AgentRoleDto(OrganisationA, AccessLevels.Basic), new AgentRoleDto(OrganisationB, AccessLevels.Basic)]);
        IntervenantA = await InScopeAsync(sp => sp.GetRequiredService<IAgentRepository>().AddAsync(
            new NewAgent(null, $"Intervenant{suffix}", null, [PmiServiceId], [new AgentRoleDto(OrganisationA, AccessLevels.Intervenant)]), default));

        await InScopeAsync(async sp =>
        {
            var usagers = sp.GetRequiredService<IUsagerRepository>();
            var hasher = sp.GetRequiredService<IPasswordHasher>();
            UsagerA = await usagers.AddAsync(new NewUsager("Marie", UsagerALastName, CreatedThrough.UserSignUp, UsagerAEmail, "06 12 34 56 78", "+33612345678"), default);
            await sp.GetRequiredService<IUsagerAccountRepository>().CreateAsync(UsagerA, hasher.Hash(Password), DateTimeOffset.UtcNow, default);
            await usagers.AddFamilyToOrganisationAsync(UsagerA, OrganisationA, default);
            UsagerB = await usagers.AddAsync(new NewUsager("Bernard", $"Beta{suffix}", CreatedThrough.AgentCreation, $"usager.b.{suffix}@test.rdv-sp.fr"), default);
            await usagers.AddFamilyToOrganisationAsync(UsagerB, OrganisationB, default);

            var firstDay = today.AddDays(1);
            var recurrence = Recurrence.Weekly(firstDay, 1, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]).Value;
            PlagePmiAgentA = await sp.GetRequiredService<IOpeningPeriodRepository>().AddAsync(
                new NewOpeningPeriod(PmiAgentA.Id, OrganisationA, LieuA, "Permanence PMI", firstDay, new TimeOnly(9, 0), new TimeOnly(12, 0), recurrence.ToJson(), null, [PmiMotifA]), default);

            var absenceDay = today.AddDays(35);
            AbsencePmiAgentA = await sp.GetRequiredService<IAbsenceRepository>().AddAsync(
                new NewAbsence(PmiAgentA.Id, "Formation", absenceDay, new TimeOnly(9, 0), absenceDay, new TimeOnly(12, 0)), default);

            var rdvs = sp.GetRequiredService<IRdvRepository>();
            PmiRdvAStartsAt = new DateTimeOffset(today.AddDays(2).ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);
            PmiRdvA = (await rdvs.InsertAsync(new NewRdv(OrganisationA, PmiMotifA, LieuA, PmiRdvAStartsAt, PmiRdvAStartsAt.AddMinutes(30),
                [PmiAgentA.Id], [new NewParticipation(UsagerA)], CreatedByTypes.Agent, PmiAgentA.Id, ExclusiveForAgents: false, Context: PmiRdvMarker), default)).Value.Id;
            var startsB = PmiRdvAStartsAt.AddHours(1);
            RdvB = (await rdvs.InsertAsync(new NewRdv(OrganisationB, MotifB, LieuB, startsB, startsB.AddMinutes(30),
                [AdminB.Id], [new NewParticipation(UsagerB)], CreatedByTypes.Agent, AdminB.Id, ExclusiveForAgents: false), default)).Value.Id;
        });
        WebhookEndpointA = await InScopeAsync(async sp => (await sp.GetRequiredService<IWebhookEndpointStore>().AddAsync(
            OrganisationA, $"http://127.0.0.1:9/webhooks/{suffix}", WebhookSecretA, ["rdv", "absence", "plage_ouverture"], default))!.Value);
        return this;
    }

    /// <summary>Another agent of organisation A with a password (for tests that need more people).</summary>
    public Task<TestAgent> AddAgentAsync(string firstName, string lastName, long serviceId, string accessLevel, long? organisationId = null) =>
        AgentAsync(firstName, lastName, [serviceId], organisationId ?? OrganisationA, accessLevel);

    private Task<TestAgent> AgentAsync(string firstName, string lastName, IReadOnlyList<long> serviceIds, long organisationId, string accessLevel) =>
        AgentAsync(firstName, lastName, serviceIds, [new AgentRoleDto(organisationId, accessLevel)]);

    private async Task<TestAgent> AgentAsync(string firstName, string lastName, IReadOnlyList<long> serviceIds, IReadOnlyList<AgentRoleDto> roles)
    {
        var email = $"{firstName.ToLowerInvariant()}.{lastName.ToLowerInvariant()}.{suffix}@test.rdv-sp.fr";
        var id = await InScopeAsync(async sp =>
        {
            var id = await sp.GetRequiredService<IAgentRepository>().AddAsync(
                new NewAgent(firstName, $"{lastName}{suffix}", email, serviceIds, roles), default);
            await sp.GetRequiredService<IAgentAccountRepository>().SetPasswordAsync(id, sp.GetRequiredService<IPasswordHasher>().Hash(Password), DateTimeOffset.UtcNow, default);
            return id;
        });
        return new TestAgent(id, email, $"{firstName} {lastName}{suffix}");
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }
}

public sealed record TestAgent(long Id, string Email, string FullName);

/// <summary>Signs an agent in through the real /agents/sign_in form; the client keeps the cookie.</summary>
public static class AgentSession
{
    public static async Task<HttpClient> SignedInAgentAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string email, string password = BackOfficeWorld.Password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/agents/sign_in", [new("Input.Email", email), new("Input.Password", password)]);
        if ((int)response.StatusCode is < 300 or >= 400)
            throw new InvalidOperationException($"Agent sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }
}
