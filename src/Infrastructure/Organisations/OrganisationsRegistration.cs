using Microsoft.Extensions.DependencyInjection;
using RdvSP.Infrastructure.Caching;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Infrastructure.Organisations;

public static class OrganisationsRegistration
{
    public static IServiceCollection AddOrganisationsPersistence(this IServiceCollection services)
    {
        services.AddScoped<IOrganisationRepository, OrganisationRepository>();
        services.AddScoped<IAgentRepository, AgentRepository>();
        services.AddScoped<RdvSP.Application.Common.Authorization.IAgentAccessReader, AgentAccessReader>();
        services.AddScoped<RdvSP.Application.Organisations.BackOfficeShell.IBackOfficeReader, BackOfficeReader>();
        services.AddScoped<IAgentProfileRepository, AgentProfileRepository>();
        services.AddScoped<RdvSP.Application.Organisations.OrganisationAgents.IOrganisationAgentStore, OrganisationAgentStore>();
        services.AddScoped<RdvSP.Application.Organisations.Catalog.ICatalogStore, CatalogStore>();
        services.AddVersionedReadCache();
        services.AddScoped<PublicCatalogReader>();
        services.AddScoped<IPublicCatalogReader, CachedPublicCatalogReader>();
        return services;
    }
}
