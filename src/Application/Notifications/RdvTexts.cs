using System.Globalization;

namespace RdvSP.Application.Notifications;

/// <summary>French dates and words shared by the RDV e-mails and SMS.</summary>
public static class RdvTexts
{
    public const string Brand = "RDV Service Public";
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static DateTime Local(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime;

    /// <summary>"mardi 10 mars 2026 à 09h30" (a home visit: "vers 09h30", REFERENCE-DOMAIN §6.5).</summary>
    public static string LongDate(DateTimeOffset instant, RdvDetails rdv)
    {
        var local = Local(instant, rdv.TimeZone);
        var hour = local.ToString("HH'h'mm", French);
        return $"{local.ToString("dddd d MMMM yyyy", French)} {(rdv.LocationType == "home" ? "vers" : "à")} {hour}";
    }

    /// <summary>"10/03 09h30" for SMS.</summary>
    public static string ShortDate(DateTimeOffset instant, RdvDetails rdv) =>
        Local(instant, rdv.TimeZone).ToString("dd/MM HH'h'mm", French);

    public static string Where(RdvDetails rdv) => rdv.LocationType switch
    {
        "phone" => "RDV téléphonique",
        "home" => "RDV à votre domicile",
        "visio" => "RDV par visioconférence",
        _ => $"{rdv.LieuName} ({rdv.LieuAddress})",
    };

    /// <summary>The webconference room of a visio RDV (REFERENCE-DOMAIN §2.8).</summary>
    public static string VisioUrl(RdvDetails rdv) =>
        "https://webconf.numerique.gouv.fr/RdvServicePublic" + rdv.Uuid.ToString("N");

    public static string Names(IEnumerable<ParticipantDetails> participants) =>
        string.Join(", ", participants.Select(p => $"{p.FirstName} {p.LastName}"));

    public static string Title(RdvDetails rdv) =>
        rdv.Collective && !string.IsNullOrWhiteSpace(rdv.Name) ? $"{rdv.MotifName} : {rdv.Name}" : rdv.MotifName;
}
