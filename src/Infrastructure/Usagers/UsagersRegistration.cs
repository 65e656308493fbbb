using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Usagers.Abstractions;

namespace RdvSP.Infrastructure.Usagers;

public static class UsagersRegistration
{
    public static IServiceCollection AddUsagersPersistence(this IServiceCollection services)
    {
        services.AddScoped<IUsagerRepository, UsagerRepository>();
        services.AddScoped<RdvSP.Application.Usagers.AgentSpace.IUsagerDirectory, UsagerDirectory>();
        return services;
    }
}
