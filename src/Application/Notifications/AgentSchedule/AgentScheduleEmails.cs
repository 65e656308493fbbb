using System.Globalization;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications.AgentSchedule;

/// <summary>
/// The agents' plage and absence e-mails (REFERENCE-SURFACES §8.3: "&lt;brand&gt; - Plage d'ouverture créée /
/// modifiée / supprimée - &lt;title&gt;", same for "Indisponibilité"), in French, text + HTML. The ICS is added by the dispatcher.
/// </summary>
public static class AgentScheduleEmails
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Subject(AgentScheduleMessage message)
    {
        var d = message.Details;
        var plage = d.Item == AgentScheduleItem.PlageOuverture;
        var what = plage ? "Plage d'ouverture" : "Indisponibilité";
        var done = (message.Change, plage) switch
        {
            (AgentScheduleChange.Created, _) => "créée",
            (AgentScheduleChange.Updated, _) => "modifiée",
            _ => "supprimée",
        };
        return $"{RdvTexts.Brand} - {what} {done} - {d.Title}";
    }

    /// <summary>The back-office page of the item (the list of the agent's items once it is deleted).</summary>
    public static string Link(AgentScheduleMessage message, AppUrls urls)
    {
        var d = message.Details;
        var organisation = $"/admin/organisations/{d.OrganisationId}";
        var plage = d.Item == AgentScheduleItem.PlageOuverture;
        if (message.Change == AgentScheduleChange.Destroyed)
            return urls.Build($"{organisation}/agents/{d.AgentId}/{(plage ? "plage_ouvertures" : "absences")}");
        return urls.Build($"{organisation}/{(plage ? "plage_ouvertures" : "absences")}/{d.Id}");
    }

    public static EmailMessage Render(AgentScheduleMessage message, AppUrls urls)
    {
        var d = message.Details;
        var plage = d.Item == AgentScheduleItem.PlageOuverture;
        var intro = (message.Change, plage) switch
        {
            (AgentScheduleChange.Created, true) => "Une plage d'ouverture a été créée sur votre agenda.",
            (AgentScheduleChange.Updated, true) => "Une de vos plages d'ouverture a été modifiée.",
            (_, true) => "Une de vos plages d'ouverture a été supprimée.",
            (AgentScheduleChange.Created, false) => "Une indisponibilité a été créée sur votre agenda.",
            (AgentScheduleChange.Updated, false) => "Une de vos indisponibilités a été modifiée.",
            _ => "Une de vos indisponibilités a été supprimée.",
        };
        var sync = message.Change == AgentScheduleChange.Destroyed
            ? "Ouvrez la pièce jointe (fichier .ics) pour la retirer de votre agenda personnel (Outlook, Google Agenda…)."
            : "Ouvrez la pièce jointe (fichier .ics) pour l'ajouter ou la mettre à jour dans votre agenda personnel (Outlook, Google Agenda…).";
        var recap = Recap(d);
        var link = Link(message, urls);
        var linkText = $"Voir sur {RdvTexts.Brand}";
        var greeting = string.IsNullOrWhiteSpace(d.AgentName) ? "Bonjour," : $"Bonjour {d.AgentName},";
        return RecapEmailLayout.Render(message.To, Subject(message), greeting, [intro], recap, [sync], linkText, link);
    }

    private static List<(string Label, string Value)> Recap(AgentScheduleDetails d)
    {
        static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", French);
        static string Time(TimeOnly time) => time.ToString("HH'h'mm", CultureInfo.InvariantCulture);
        var recap = new List<(string, string)> { ("Titre", d.Title) };
        recap.Add(d.EndDay != d.FirstDay
            ? ("Dates", $"du {Day(d.FirstDay)} à {Time(d.StartTime)} au {Day(d.EndDay)} à {Time(d.EndTime)}")
            : ("Date", $"{Day(d.FirstDay)}, de {Time(d.StartTime)} à {Time(d.EndTime)}"));
        recap.Add(("Répétition", RecurrenceWording.Describe(d.Recurrence)));
        if (d.Item == AgentScheduleItem.PlageOuverture)
        {
            if (d.LieuName is not null) recap.Add(("Lieu", $"{d.LieuName}, {d.LieuAddress}"));
            if (d.MotifNames.Count > 0) recap.Add(("Motifs", string.Join(", ", d.MotifNames)));
        }
        recap.Add(("Organisation", d.OrganisationName));
        return recap;
    }
}
