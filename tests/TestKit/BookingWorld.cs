using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Availability;

namespace RdvSP.TestKit;

/// <summary>
/// Builds test data through the application's own repositories (the same SQL as production): a
/// département with an organisation, a lieu, motifs, agents with plages, usagers with accounts.
/// </summary>
public sealed class BookingWorld(IServiceProvider services)
{
    public const string Password = "Mot-de-passe-2027!";
    private string? passwordHash;

    public long TerritoryId { get; private set; }
    public long OrganisationId { get; private set; }
    public long ServiceId { get; private set; }
    public long LieuId { get; private set; }

    public async Task<BookingWorld> CreateOrganisationAsync(string departement = "26", string timeZone = "Europe/Paris")
    {
        await InScopeAsync(async sp =>
        {
            var orgs = sp.GetRequiredService<IOrganisationRepository>();
            TerritoryId = await orgs.AddTerritoryAsync(new NewTerritory(departement, $"Territoire {departement}"), default);
            OrganisationId = await orgs.AddOrganisationAsync(new NewOrganisation(TerritoryId, "MDS Test", "04 75 00 00 00", TimeZone: timeZone), default);
            ServiceId = await orgs.EnsureServiceAsync("PMI (Protection Maternelle Infantile)", "PMI", default);
            LieuId = await orgs.AddLieuAsync(new NewLieu(OrganisationId, "MDS Test Centre", "1 place de la Liberté 26000 Valence", 44.933, 4.892), default);
        });
        return this;
    }

    public Task<long> AddLieuAsync(string name) =>
        InScopeAsync(sp => sp.GetRequiredService<IOrganisationRepository>().AddLieuAsync(new NewLieu(OrganisationId, name, "2 rue des Alpes 26000 Valence", 44.93, 4.89), default));

    public Task<long> AddMotifAsync(string name = "Consultation", string bookableBy = BookableBy.Everyone, bool collectif = false, string locationType = LocationTypes.PublicOffice, int durationMinutes = 30) =>
        InScopeAsync(sp => sp.GetRequiredService<IOrganisationRepository>().AddMotifAsync(
            new NewMotif(OrganisationId, ServiceId, name, "#1f77b4", durationMinutes, locationType, bookableBy, collectif), default));

    public Task<long> AddAgentAsync(string lastName) =>
        InScopeAsync(sp => sp.GetRequiredService<IAgentRepository>().AddAsync(
            new NewAgent("Agent", lastName, $"{lastName.ToLowerInvariant()}@test.rdv-sp.fr", [ServiceId], [new AgentRoleDto(OrganisationId, AccessLevels.Basic)]), default));

    /// <summary>A weekly plage on every weekday from <paramref name="firstDay"/>, at the world's lieu.</summary>
    public Task<long> AddWeeklyPlageAsync(long agentId, long motifId, DateOnly firstDay, TimeOnly start, TimeOnly end)
    {
        var recurrence = Recurrence.Weekly(firstDay, 1, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]).Value;
        return InScopeAsync(sp => sp.GetRequiredService<IOpeningPeriodRepository>().AddAsync(
            new NewOpeningPeriod(agentId, OrganisationId, LieuId, "Permanence", firstDay, start, end, recurrence.ToJson(), null, [motifId]), default));
    }

    public Task<long> AddOneOffPlageAsync(long agentId, long motifId, DateOnly day, TimeOnly start, TimeOnly end) =>
        InScopeAsync(sp => sp.GetRequiredService<IOpeningPeriodRepository>().AddAsync(
            new NewOpeningPeriod(agentId, OrganisationId, LieuId, "Permanence exceptionnelle", day, start, end, null, null, [motifId]), default));

    public Task<long> AddCollectiveRdvAsync(long motifId, long agentId, DateTimeOffset startsAt, int capacity) =>
        InScopeAsync(async sp =>
        {
            var created = await sp.GetRequiredService<IRdvRepository>().InsertAsync(new NewRdv(
                OrganisationId, motifId, LieuId, startsAt, startsAt.AddHours(2), [agentId], [], CreatedByTypes.Agent, agentId,
                ExclusiveForAgents: false, Name: "Atelier", MaxParticipantsCount: capacity), default);
            return created.Value.Id;
        });

    /// <summary>A usager with a confirmed account whose password is <see cref="Password"/>.</summary>
    public Task<long> AddUsagerAsync(string email, string firstName = "Camille", string lastName = "Durand", long? responsibleId = null) =>
        InScopeAsync(async sp =>
        {
            var hasher = sp.GetRequiredService<IPasswordHasher>();
            passwordHash ??= hasher.Hash(Password);
            var id = await sp.GetRequiredService<IUsagerRepository>().AddAsync(
                new NewUsager(firstName, lastName, responsibleId is null ? CreatedThrough.UserSignUp : CreatedThrough.UserRelativeCreation,
                    responsibleId is null ? email : null, ResponsibleId: responsibleId), default);
            if (responsibleId is null)
                await sp.GetRequiredService<IUsagerAccountRepository>().CreateAsync(id, passwordHash, DateTimeOffset.UtcNow, default);
            return id;
        });

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
