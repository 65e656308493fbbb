namespace RdvSP.Domain.UnitTests.Support;

/// <summary>IANA zones and local → UTC helpers that go through <see cref="TimeZoneInfo"/> (an independent oracle).</summary>
internal static class Zones
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    public static readonly TimeZoneInfo Cayenne = TimeZoneInfo.FindSystemTimeZoneById("America/Cayenne");
    public static readonly TimeZoneInfo Reunion = TimeZoneInfo.FindSystemTimeZoneById("Indian/Reunion");
    public static readonly TimeZoneInfo Martinique = TimeZoneInfo.FindSystemTimeZoneById("America/Martinique");

    /// <summary>A Paris wall-clock time as a UTC instant (not in a gap or an overlap).</summary>
    public static DateTimeOffset P(int year, int month, int day, int hour, int minute = 0) =>
        At(Paris, year, month, day, hour, minute);

    public static DateTimeOffset At(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>Local wall-clock "HH:mm" of an instant in a zone.</summary>
    public static string Hm(DateTimeOffset instant, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTime(instant, zone ?? Paris).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Local "yyyy-MM-dd HH:mm" of an instant in a zone.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTime(instant, zone ?? Paris).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static TimeOnly T(int hour, int minute = 0) => new(hour, minute);
}
