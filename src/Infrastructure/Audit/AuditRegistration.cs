using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Audit;

namespace RdvSP.Infrastructure.Audit;

public static class AuditRegistration
{
    /// <summary>The audit trail's reader; the writing is done by the database's triggers (migration 0021).</summary>
    public static IServiceCollection AddAuditPersistence(this IServiceCollection services)
    {
        services.AddScoped<IHistoryReader, HistoryReader>();
        return services;
    }
}
