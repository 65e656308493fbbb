using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Infrastructure.Organisations;

public static class OrganisationsRegistration
{
    public static IServiceCollection AddOrganisationsPersistence(this IServiceCollection services)
    {
        services.AddScoped<IOrganisationRepository, OrganisationRepository>();
        services.AddScoped<IAgentRepository, AgentRepository>();
        services.AddScoped<IPublicCatalogReader, PublicCatalogReader>();
        return services;
    }
}
