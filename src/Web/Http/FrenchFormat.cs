using System.Globalization;

namespace RdvSP.Web.Http;

/// <summary>Dates and times as French users read them ("mardi 3 décembre 2026 à 09h30"), in the organisation's zone.</summary>
public static class FrenchFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    public static DateTime Local(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrEmpty(timeZone) ? "Europe/Paris" : timeZone)).DateTime;

    public static string DateTime(DateTimeOffset instant, string timeZone)
    {
        var local = Local(instant, timeZone);
        return $"{local.ToString("dddd d MMMM yyyy", Culture)} à {local.ToString("HH'h'mm", Culture)}";
    }

    public static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", Culture);

    public static string ShortDay(DateOnly day) => day.ToString("ddd d MMM", Culture);

    public static string Time(TimeOnly time) => time.ToString("HH'h'mm", Culture);

    public static string LocationLabel(string locationType) => locationType switch
    {
        "public_office" => "Sur place",
        "phone" => "Par téléphone",
        "home" => "À domicile",
        "visio" => "Par visioconférence",
        _ => locationType,
    };

    public static string Duration(int minutes) =>
        minutes < 60 ? $"{minutes} minutes" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60:00}";
}
