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
        // Application service built on the outbox port (issues an agent's token, then queues its e-mail).
        services.AddScoped<Application.Identity.Common.AgentAccountMailer>();
        return services;
    }
}
