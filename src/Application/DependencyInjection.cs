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
        services.AddScoped<RdvSP.Application.Availability.SlotSearch.SlotSearcher>();
        services.AddScoped<RdvSP.Application.Booking.BookingSlotChecker>();
        services.AddSingleton<RdvSP.Application.Booking.BookingBurstGuard>();
        return services;
    }
}
