using Microsoft.Extensions.DependencyInjection;
using RdvSP.Infrastructure.Caching;
using RdvSP.Application.Availability.Abstractions;

namespace RdvSP.Infrastructure.Availability;

public static class AvailabilityRegistration
{
    public static IServiceCollection AddAvailabilityPersistence(this IServiceCollection services)
    {
        services.AddScoped<IOpeningPeriodRepository, OpeningPeriodRepository>();
        services.AddScoped<IAbsenceRepository, AbsenceRepository>();
        services.AddScoped<Application.Availability.BackOffice.IAvailabilityBackOfficeReader, AvailabilityBackOfficeReader>();
        // The slot search reads through a version-checked in-memory cache (migrations/0015).
        services.AddVersionedReadCache();
        services.AddScoped<AvailabilityInputsReader>();
        services.AddScoped<IAvailabilityInputsReader, CachedAvailabilityInputsReader>();
        services.AddScoped<Application.Availability.CreneauxSearch.ICreneauxSearchReader, CreneauxSearchReader>();
        return services;
    }
}
