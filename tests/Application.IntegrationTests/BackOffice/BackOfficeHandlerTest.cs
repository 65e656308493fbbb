using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.IntegrationTests.Notifications;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Common;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Application.IntegrationTests.BackOffice;

/// <summary>
/// Back-office use cases on the real PostgreSQL, run as the Mediator pipeline does: the agent's access
/// read, the request's one policy, its validator, then the handler in its own transaction (committed on
/// success, rolled back on a failed result), each call in its own scope and connection.
/// </summary>
public abstract class BackOfficeHandlerTest : NotificationsTest
{
    protected static T New<T>(IServiceProvider services) => ActivatorUtilities.CreateInstance<T>(services);

    /// <summary>Whether the request's policy lets the agent through (the pipeline's 403 otherwise).</summary>
    protected async Task<bool> AllowedAsync<TRequest>(long agentId, TRequest request) where TRequest : IOrganisationRequest
    {
        await using var scope = AppScope();
        var access = await scope.ServiceProvider.GetRequiredService<IAgentAccessReader>().GetAsync(agentId, request.OrganisationId, Ct);
        return access is not null && access.AccessLevel != AgentAccess.Intervenant
            && await scope.ServiceProvider.GetRequiredService<IPolicy<TRequest>>().AllowsAsync(access, request, Ct);
    }

    /// <summary>The validator's French messages for the request (empty when valid).</summary>
    protected async Task<IReadOnlyList<string>> ErrorsOfAsync<TRequest>(TRequest request)
    {
        await using var scope = AppScope();
        var validators = scope.ServiceProvider.GetServices<IValidator<TRequest>>();
        var errors = new List<string>();
        foreach (var validator in validators)
            errors.AddRange((await validator.ValidateAsync(request, Ct)).Errors.Select(e => e.ErrorMessage));
        return errors;
    }

    /// <summary>Runs the use case as <paramref name="agentId"/>: policy and validator must pass, then the handler in one transaction.</summary>
    protected async Task<TResponse> AsAgentAsync<TRequest, TResponse>(long agentId, TRequest request, Func<IServiceProvider, ValueTask<TResponse>> handle)
        where TRequest : IOrganisationRequest
    {
        (await AllowedAsync(agentId, request)).Should().BeTrue($"{typeof(TRequest).Name} must be allowed for agent {agentId}");
        (await ErrorsOfAsync(request)).Should().BeEmpty();
        await using var scope = AppScope();
        var services = scope.ServiceProvider;
        var access = (await services.GetRequiredService<IAgentAccessReader>().GetAsync(agentId, request.OrganisationId, Ct))!;
        services.GetRequiredService<CurrentAgentAccess>().Set(access);
        var db = services.GetRequiredService<DbSession>();
        await db.BeginAsync(Ct);
        try
        {
            var response = await handle(services);
            if (response is IResult { IsSuccess: false }) await db.RollbackAsync(Ct);
            else await db.CommitAsync(Ct);
            return response;
        }
        catch
        {
            await db.RollbackAsync(Ct);
            throw;
        }
    }

    protected Task<long> AgentWithRoleAsync(long organisationId, long serviceId, string lastName, string accessLevel, string? email = null) =>
        Scope.Get<IAgentRepository>().AddAsync(new NewAgent("Agent", lastName, email, [serviceId], [new AgentRoleDto(organisationId, accessLevel)]), Ct);
}
