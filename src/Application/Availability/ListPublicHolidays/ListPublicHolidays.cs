using Mediator;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.Availability.ListPublicHolidays;

/// <summary>The public holidays of a year for a département (its calendar: metropolitan, Alsace-Moselle, overseas).</summary>
public sealed record ListPublicHolidaysQuery(int Year, string Departement) : IQuery<PublicHolidaysDto>;

public sealed record PublicHolidaysDto(int Year, string Departement, IReadOnlyList<DateOnly> Dates);

public sealed class ListPublicHolidaysHandler : IQueryHandler<ListPublicHolidaysQuery, PublicHolidaysDto>
{
    public ValueTask<PublicHolidaysDto> Handle(ListPublicHolidaysQuery query, CancellationToken cancellationToken)
    {
        var calendar = HolidayCalendar.ForDepartement(query.Departement);
        return ValueTask.FromResult(new PublicHolidaysDto(query.Year, query.Departement, PublicHolidays.For(query.Year, calendar)));
    }
}
