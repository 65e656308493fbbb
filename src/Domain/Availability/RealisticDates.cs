namespace RdvSP.Domain.Availability;

/// <summary>The reference's "realistic date" rule: from 1 January 2018 to five years after today.</summary>
public static class RealisticDates
{
    public static readonly DateOnly Earliest = new(2018, 1, 1);

    public static bool IsRealistic(DateOnly day, DateOnly today) => day >= Earliest && day <= today.AddYears(5);
}
