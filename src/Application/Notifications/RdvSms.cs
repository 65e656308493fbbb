using System.Globalization;
using System.Text;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications;

/// <summary>
/// The SMS of REFERENCE-SURFACES §8.2, reduced to the GSM 7-bit alphabet (accents stripped, "œ" → "oe")
/// so that a segment holds 160 characters (153 when concatenated), with the segment count.
/// </summary>
public static class RdvSms
{
    /// <summary>Concatenated messages beyond this are refused by Netsize (REFERENCE-DOMAIN §6.6).</summary>
    public const int MaxSegments = 10;

    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string GsmExtension = "^{}\\[~]|€";

    public static string Render(RdvMessage message, AppUrls urls)
    {
        var rdv = message.Rdv;
        var subject = $"RDV {rdv.ServiceShortName}" + (rdv.Collective && !string.IsNullOrWhiteSpace(rdv.Name) ? $" : {Truncate(rdv.Name, 50)}," : "");
        var date = RdvTexts.ShortDate(rdv.StartsAt, rdv);
        var link = RdvEmails.Link(message, urls);
        var text = message.Kind switch
        {
            NotificationKind.Created => $"{subject} {date}.\n{Footer(message, link)}",
            NotificationKind.Updated => $"RDV modifié: {subject[4..]} {date}.\n{Footer(message, link)}",
            NotificationKind.Reminder => $"Rappel {subject} le {date}.\n{Footer(message, link)}",
            NotificationKind.NewCreneauAvailable => $"RDV {rdv.ServiceShortName}: des créneaux se sont libérés. Pour voir les disponibilités: {link}",
            _ => $"{subject} {date} a été annulé."
                + (rdv.ContactPhone is { } phone ? $"\nAppelez le {phone} ou allez sur {urls.Build("/prendre_rdv")} pour reprendre RDV." : $"\nAllez sur {urls.Build("/prendre_rdv")} pour reprendre RDV."),
        };
        return ToGsm(text);
    }

    private static string Footer(RdvMessage message, string link)
    {
        var rdv = message.Rdv;
        var footer = new StringBuilder(RdvTexts.Where(rdv));
        var participants = message.Participants.ToList();
        if (!rdv.Collective && participants.Count > 1) footer.Append(" pour ").Append(RdvTexts.Names(participants));
        if (rdv.FollowUp && rdv.Agents.Count > 0) footer.Append(" avec ").Append(string.Join(", ", rdv.Agents.Select(a => a.FullName)));
        footer.Append("\nInfos et annulation: ").Append(link);
        if (rdv.ContactPhone is { } phone) footer.Append(" / ").Append(phone);
        return footer.ToString();
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "...";

    /// <summary>Accents and characters outside GSM 7-bit are replaced by their closest ASCII (é and à, part of the alphabet, are kept).</summary>
    public static string ToGsm(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "OE", StringComparison.Ordinal)
                     .Replace("’", "'", StringComparison.Ordinal).Replace("«", "\"", StringComparison.Ordinal).Replace("»", "\"", StringComparison.Ordinal)
                     .Replace("\u00a0", " ", StringComparison.Ordinal).Replace("\u202f", " ", StringComparison.Ordinal))
        {
            if (GsmBasic.Contains(c, StringComparison.Ordinal) || GsmExtension.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
                continue;
            }
            var stripped = c.ToString().Normalize(NormalizationForm.FormD)
                .Where(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                .Where(d => GsmBasic.Contains(d, StringComparison.Ordinal))
                .ToArray();
            builder.Append(stripped.Length > 0 ? new string(stripped) : "?");
        }
        return builder.ToString();
    }

    /// <summary>Segments of a GSM 7-bit text: 160 septets alone, 153 per part when concatenated; extension characters count twice.</summary>
    public static int Segments(string gsmText)
    {
        var septets = gsmText.Sum(c => GsmExtension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
        return septets <= 160 ? 1 : (septets + 152) / 153;
    }
}
