using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Identity.Abstractions;

namespace RdvSP.Infrastructure.Identity;

public static class IdentityRegistration
{
    public static IServiceCollection AddIdentityPersistence(this IServiceCollection services)
    {
        services.AddSingleton<Application.Identity.Abstractions.IPasswordHasher, AspNetPasswordHasher>();
        services.AddScoped<IUsagerAccountRepository, UsagerAccountRepository>();
        services.AddScoped<IAgentAccountRepository, AgentAccountRepository>();
        services.AddScoped<ISessionStore, SessionStore>();
        return services;
    }
}
