using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace RdvSP.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        ValidatorOptions.Global.LanguageManager.Culture = new System.Globalization.CultureInfo("fr");
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
