using System.Globalization;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>How the agent space writes a usager: "DUPONT Marie (12/03/1985) - 06 12 34 56 78 - marie@exemple.fr".</summary>
public static class UsagerDisplay
{
    public static string BirthDate(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>French numbers as "06 12 34 56 78"; anything else as typed.</summary>
    public static string Phone(string? phone)
    {
        if (FrenchPhone.ToE164(phone) is { } e164 && e164.StartsWith("+33", StringComparison.Ordinal))
        {
            var national = "0" + e164[3..];
            return string.Join(' ', Enumerable.Range(0, 5).Select(i => national.Substring(i * 2, 2)));
        }
        return phone ?? "";
    }

    public static string PickerText(UsagerRow row)
    {
        var parts = new List<string> { row.FullName + (row.BirthDate is null ? "" : $" ({BirthDate(row.BirthDate)})") };
        if (!string.IsNullOrEmpty(row.PhoneNumber)) parts.Add(Phone(row.PhoneNumber));
        if (!string.IsNullOrEmpty(row.Email)) parts.Add(row.Email);
        return string.Join(" - ", parts);
    }

    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>
    {
        ["unknown_future"] = "À venir",
        ["unknown_past"] = "À renseigner",
        ["seen"] = "Honorés",
        ["excused"] = "Annulés (excusés)",
        ["revoked"] = "Annulés (par le service)",
        ["noshow"] = "Absences non excusées",
    };

    public static string RdvStatus(string status) => status switch
    {
        "unknown" => "À venir",
        "seen" => "Rendez-vous honoré",
        "excused" => "Annulé (excusé)",
        "revoked" => "Annulé (par le service)",
        "noshow" => "Absence non excusée",
        _ => status,
    };
}
