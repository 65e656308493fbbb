namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>Organisation wall-clock times typed by agents ↔ instants.</summary>
public static class AgentRdvTime
{
    /// <summary>The instant of a local time; null for a time that does not exist (spring-forward gap).</summary>
    public static DateTimeOffset? TryToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) return null;
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }

    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone) =>
        TryToUtc(local, zone) ?? TryToUtc(local.AddHours(1), zone)!.Value;

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;
}
