using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Availability.Abstractions;

namespace RdvSP.Infrastructure.Availability;

public static class AvailabilityRegistration
{
    public static IServiceCollection AddAvailabilityPersistence(this IServiceCollection services)
    {
        services.AddScoped<IOpeningPeriodRepository, OpeningPeriodRepository>();
        services.AddScoped<IAbsenceRepository, AbsenceRepository>();
        services.AddScoped<IAvailabilityInputsReader, AvailabilityInputsReader>();
        return services;
    }
}
