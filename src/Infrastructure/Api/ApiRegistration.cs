using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Api;

namespace RdvSP.Infrastructure.Api;

public static class ApiRegistration
{
    public static IServiceCollection AddApiPersistence(this IServiceCollection services)
    {
        services.AddScoped<ApiObjectReader>();
        services.AddScoped<IApiObjectReader>(sp => sp.GetRequiredService<ApiObjectReader>());
        services.AddScoped<IApiCollectionReader>(sp => sp.GetRequiredService<ApiObjectReader>());
        return services;
    }
}
