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
        services.AddScoped<RdvSP.Application.Api.Authentication.IApiTokenStore, ApiTokenStore>();
        services.AddScoped<ApiQueries>();
        services.AddScoped<RdvSP.Application.Api.V1.IApiQueries>(sp => sp.GetRequiredService<ApiQueries>());
        services.AddScoped<RdvSP.Application.Api.V1.IApiWriter>(sp => sp.GetRequiredService<ApiQueries>());
        services.AddScoped<RdvSP.Application.Organisations.PublicLinks.IPublicLinksReader>(sp => sp.GetRequiredService<ApiQueries>());
        return services;
    }
}
