using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications;

/// <summary>
/// The RDV e-mails of REFERENCE-SURFACES §8.1 (usagers) and §8.3 (agents), in French, text + HTML.
/// The ICS and the Reply-To are added by the dispatcher.
/// </summary>
public static class RdvEmails
{
    /// <summary>
    /// Usagers: the participation's short link <c>/r/{rdvId}/{token}</c> (stable token of the first participation
    /// the message speaks for; opened after the last-name check, REFERENCE-SURFACES §1.5), the RDV page of the
    /// user space when there is none. Agents: the back-office page.
    /// </summary>
    public static string Link(RdvMessage message, AppUrls urls)
    {
        if (message.ToAgent) return urls.Build($"/admin/organisations/{message.Rdv.OrganisationId}/rdvs/{message.Rdv.Id}");
        // The waiting list's link opens the move's slots ("Vérifier la disponibilité"), the others the RDV.
        var slots = message.Kind == NotificationKind.NewCreneauAvailable ? "/creneaux" : "";
        return message.Participants.FirstOrDefault(p => p.Token.Length > 0) is { } participant
            ? urls.Build($"/r/{message.Rdv.Id}/{Uri.EscapeDataString(participant.Token)}{slots}")
            : urls.Build($"/users/rdvs/{message.Rdv.Id}{slots}");
    }

    public static string Subject(RdvMessage message)
    {
        var rdv = message.Rdv;
        var date = RdvTexts.LongDate(rdv.StartsAt, rdv);
        if (message.ToAgent)
        {
            return message.Kind switch
            {
                NotificationKind.Created when message.ParticipationOnly => $"Nouvelle participation au RDV collectif du {date}",
                NotificationKind.Created => $"Nouveau RDV ajouté sur votre agenda {RdvTexts.Brand} pour le {date}",
                NotificationKind.Updated => $"RDV du {RdvTexts.LongDate(message.PreviousStartsAt ?? rdv.StartsAt, rdv)} modifié",
                NotificationKind.Cancelled when message.ParticipationOnly => $"Participation au RDV collectif annulée le {date}",
                _ => $"RDV annulé le {date}",
            };
        }
        return message.Kind switch
        {
            NotificationKind.Created => $"RDV confirmé le {date}",
            NotificationKind.Updated => $"RDV du {RdvTexts.LongDate(message.PreviousStartsAt ?? rdv.StartsAt, rdv)} modifié",
            NotificationKind.Cancelled => $"RDV annulé le {date} avec {rdv.OrganisationName}",
            NotificationKind.NewCreneauAvailable => "Un créneau vient de se libérer !",
            _ => $"[Rappel] RDV le {date}",
        };
    }

    public static EmailMessage Render(RdvMessage message, AppUrls urls)
    {
        var rdv = message.Rdv;
        var date = RdvTexts.LongDate(rdv.StartsAt, rdv);
        var intro = message.ToAgent ? AgentIntro(message, date) : UsagerIntro(message, date);
        var recap = Recap(message);
        var outro = message.ToAgent ? [] : UsagerOutro(message);
        var link = Link(message, urls);
        var linkText = message.ToAgent ? $"Voir sur {RdvTexts.Brand}"
            : message.Kind == NotificationKind.NewCreneauAvailable ? "Vérifier la disponibilité" : "Voir mon RDV";
        return RecapEmailLayout.Render(message.To, Subject(message), "Bonjour,", intro, recap, outro, linkText, link);
    }

    private static string[] UsagerIntro(RdvMessage message, string date)
    {
        var rdv = message.Rdv;
        return message.Kind switch
        {
            NotificationKind.Created => [$"Votre RDV du {date} a été confirmé."],
            NotificationKind.Updated => [$"Votre RDV initialement prévu le {RdvTexts.LongDate(message.PreviousStartsAt ?? rdv.StartsAt, rdv)}"
                + (message.PreviousLieuName is { } lieu ? $" ({lieu})" : "") + $" a été modifié. Il aura lieu le {date}."],
            NotificationKind.Cancelled => [
                rdv.Status == "revoked"
                    ? $"Votre RDV du {date} avec {rdv.OrganisationName} a été annulé pour raison administrative."
                    : $"Votre RDV du {date} avec {rdv.OrganisationName} a été annulé à votre demande.",
                rdv.ContactPhone is { } phone ? $"Pour reprendre RDV, appelez le {phone}." : "Vous pouvez reprendre RDV en ligne si le service le permet."],
            NotificationKind.NewCreneauAvailable => [
                $"Des créneaux se sont libérés plus tôt que votre RDV du {date}.",
                "Ils peuvent être réservés par d'autres personnes à tout moment : vérifiez leur disponibilité et déplacez votre RDV si l'un d'eux vous convient."],
            _ => [$"Nous vous rappelons votre RDV du {date}."],
        };
    }

    private static string[] AgentIntro(RdvMessage message, string date)
    {
        var rdv = message.Rdv;
        var who = message.Author switch
        {
            AuthorKind.Usager => "par l'usager",
            AuthorKind.Prescripteur => "par un prescripteur",
            AuthorKind.Agent => "par un agent",
            _ => "automatiquement",
        };
        return message.Kind switch
        {
            NotificationKind.Created when message.ParticipationOnly => [$"Une nouvelle participation au RDV collectif du {date} a été enregistrée {who}."],
            NotificationKind.Created => [$"Un RDV a été ajouté sur votre agenda {who} pour le {date}."],
            NotificationKind.Updated => [$"Le RDV du {RdvTexts.LongDate(message.PreviousStartsAt ?? rdv.StartsAt, rdv)} a été modifié {who} : il aura lieu le {date}."],
            NotificationKind.Cancelled when message.ParticipationOnly => [$"Une participation au RDV collectif du {date} a été annulée {who}."],
            _ => [message.Author == AuthorKind.Usager
                ? $"Le RDV du {date} a été annulé par l'usager."
                : rdv.Status == "excused"
                    ? $"Le RDV du {date} a été annulé à la demande de l'usager."
                    : $"Le RDV du {date} a été annulé pour raison administrative."],
        };
    }

    private static List<(string Label, string Value)> Recap(RdvMessage message)
    {
        var rdv = message.Rdv;
        var recap = new List<(string, string)>
        {
            ("Date", RdvTexts.LongDate(rdv.StartsAt, rdv)),
            ("Motif", RdvTexts.Title(rdv)),
            ("Service", rdv.ServiceName),
            ("Durée", $"{(int)(rdv.EndsAt - rdv.StartsAt).TotalMinutes} minutes"),
        };
        var participants = message.ToAgent ? rdv.Participants : message.Participants;
        if (participants.Any()) recap.Add((message.ToAgent ? "Usager(s)" : "Pour", RdvTexts.Names(participants)));
        if (message.ToAgent || rdv.FollowUp) recap.Add(("Avec", string.Join(", ", rdv.Agents.Select(a => a.FullName))));
        recap.Add(rdv.LocationType switch
        {
            "phone" => ("Lieu", "RDV téléphonique : vous serez appelé(e) sur votre numéro de téléphone"),
            "home" => ("Lieu", $"RDV à domicile{(rdv.HomeAddress is { } a ? $" : {a}" : "")}"),
            "visio" => ("Lieu", $"RDV par visioconférence : {RdvTexts.VisioUrl(rdv)}"),
            _ => ("Lieu", $"{rdv.LieuName}, {rdv.LieuAddress}"),
        });
        if (rdv.ContactPhone is { } phone) recap.Add(("Téléphone", phone));
        if (!message.ToAgent && !string.IsNullOrWhiteSpace(rdv.InstructionForRdv) && message.Kind != NotificationKind.Cancelled)
            recap.Add(("Informations", rdv.InstructionForRdv));
        return recap;
    }

    private static string[] UsagerOutro(RdvMessage message)
    {
        var rdv = message.Rdv;
        if (message.Kind is NotificationKind.Cancelled or NotificationKind.NewCreneauAvailable) return [];
        var can = (rdv.CancellableByUser, rdv.EditableByUser && !rdv.Collective) switch
        {
            (true, true) => "Vous pouvez annuler ou modifier ce RDV en ligne jusqu'à 4 heures avant.",
            (true, false) => "Vous pouvez annuler ce RDV en ligne jusqu'à 4 heures avant.",
            _ => null,
        };
        var call = rdv.ContactPhone is { } phone ? $"En cas d'empêchement, prévenez le service au {phone}." : null;
        return new[] { can, call }.OfType<string>().ToArray();
    }
}
