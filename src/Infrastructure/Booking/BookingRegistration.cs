using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Booking.Abstractions;

namespace RdvSP.Infrastructure.Booking;

public static class BookingRegistration
{
    public static IServiceCollection AddBookingPersistence(this IServiceCollection services)
    {
        services.AddScoped<IRdvRepository, RdvRepository>();
        services.AddScoped<RdvSP.Application.Booking.AgentAgenda.IAgentAgendaRepository, AgentAgendaRepository>();
        services.AddScoped<RdvSP.Application.Booking.AgentRdvs.IAgentRdvStore, AgentRdvStore>();
        services.AddScoped<RdvSP.Application.Booking.CollectiveRdvs.ICollectiveRdvStore, CollectiveRdvStore>();
        services.AddScoped<RdvSP.Application.Booking.WaitingList.IWaitingListStore, WaitingListStore>();
        return services;
    }
}
