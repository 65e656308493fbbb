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
        services.AddScoped<RdvSP.Application.Booking.AgentRdvs.AgentRdvWriter>();
        // The waiting-list job (declared by JobsSetup in the `jobs` process).
        services.AddScoped<RdvSP.Application.Booking.WaitingList.WaitingListNotifications>();
        services.AddScoped<RdvSP.Application.Common.Authorization.CurrentAgentAccess>();
        services.AddScoped<RdvSP.Application.Identity.Common.ThrottledPasswordCheck>();
        AddPolicies(services);
        return services;
    }

    /// <summary>Every IPolicy&lt;T&gt; of this assembly, one per organisation request (an architecture test checks the pairing).</summary>
    private static void AddPolicies(IServiceCollection services)
    {
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(RdvSP.Application.Common.Authorization.IPolicy<>)))
                services.AddScoped(contract, type);
    }
}
