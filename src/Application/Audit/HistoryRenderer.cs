using System.Globalization;
using System.Text.Json;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.Audit;

/// <summary>
/// Renders <c>audit.versions</c> rows in French: field labels, enum values as the agent UI names them,
/// instants in the organisation's zone, ids of motifs, lieux, agents, usagers and services as names.
/// A column without a label here (added later) still shows, under its column name.
/// </summary>
public static class HistoryRenderer
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Field labels, in the order an entry lists them.</summary>
    private static readonly (string Field, string Label)[] Fields =
    [
        ("status", "Statut"),
        ("starts_at", "Début"),
        ("ends_at", "Fin"),
        ("title", "Description"),
        ("name", "Nom"),
        ("first_name", "Prénom"),
        ("last_name", "Nom"),
        ("birth_name", "Nom de naissance"),
        ("birth_date", "Date de naissance"),
        ("email", "E-mail"),
        ("phone_number", "Téléphone"),
        ("address", "Adresse"),
        ("address_details", "Complément d'adresse"),
        ("agent_id", "Agent"),
        ("motif_id", "Motif"),
        ("lieu_id", "Lieu"),
        ("service_id", "Service"),
        ("motif_category_id", "Catégorie"),
        ("access_level", "Rôle"),
        ("first_day", "Premier jour"),
        ("end_day", "Dernier jour"),
        ("start_time", "Heure de début"),
        ("end_time", "Heure de fin"),
        ("recurrence", "Récurrence"),
        ("context", "Contexte"),
        ("max_participants_count", "Nombre de places"),
        ("availability", "Disponibilité"),
        ("color", "Couleur"),
        ("default_duration_in_min", "Durée par défaut"),
        ("location_type", "Type de RDV"),
        ("collectif", "RDV collectif"),
        ("bookable_by", "Ouvert à la réservation"),
        ("min_public_booking_delay", "Délai minimum de réservation"),
        ("max_public_booking_delay", "Délai maximum de réservation"),
        ("visibility_type", "Visibilité et notifications"),
        ("sectorisation_level", "Sectorisation"),
        ("follow_up", "Suivi par un référent"),
        ("for_secretariat", "Ouvert au secrétariat"),
        ("restriction_for_rdv", "Restriction"),
        ("instruction_for_rdv", "Instructions"),
        ("custom_cancel_warning_message", "Avertissement d'annulation"),
        ("rdvs_editable_by_user", "RDV modifiables par l'usager"),
        ("rdvs_cancellable_by_user", "RDV annulables par l'usager"),
        ("buffer_after_minutes", "Battement après chaque RDV"),
        ("slot_step_minutes", "Pas des créneaux"),
        ("rdv_notifications_level", "Notifications de RDV"),
        ("plage_ouverture_notification_level", "Notifications de plages d'ouverture"),
        ("absence_notification_level", "Notifications d'absences"),
        ("responsible_id", "Responsable"),
        ("notify_by_sms", "Notifications par SMS"),
        ("notify_by_email", "Notifications par e-mail"),
        ("caisse_affiliation", "Caisse d'affiliation"),
        ("affiliation_number", "Numéro d'allocataire"),
        ("family_situation", "Situation familiale"),
        ("number_of_children", "Nombre d'enfants"),
        ("logement", "Logement"),
        ("notes", "Remarques"),
        ("case_number", "Numéro de dossier"),
        ("ants_pre_demande_number", "Numéro de pré-demande ANTS"),
        ("invited_through", "Invitation"),
        ("deleted_at", "Supprimé le"),
    ];

    private static readonly Dictionary<string, int> FieldOrder = Fields.Select((f, i) => (f.Field, i)).ToDictionary(f => f.Field, f => f.i);
    private static readonly Dictionary<string, string> FieldLabels = Fields.ToDictionary(f => f.Field, f => f.Label);

    /// <summary>Member keys "prefix.id[.field]": labels when added / removed.</summary>
    private static readonly Dictionary<string, (string Added, string Removed)> Members = new()
    {
        ["participants"] = ("Participant ajouté", "Participant retiré"),
        ["agents"] = ("Agent ajouté", "Agent retiré"),
        ["motifs"] = ("Motif ajouté", "Motif retiré"),
        ["services"] = ("Service ajouté", "Service retiré"),
    };

    public static HistoryReferences ReferencedIds(IEnumerable<HistoryVersion> versions)
    {
        HashSet<long> motifs = [], lieux = [], agents = [], users = [], services = [], categories = [];
        foreach (var version in versions)
        {
            if (version.AuthorKind == "usager" && version.AuthorId is { } usager) users.Add(usager);
            if (version.AuthorKind == "agent" && version.AuthorLabel is null && version.AuthorId is { } agent) agents.Add(agent);
            foreach (var (key, before, after) in Pairs(version.Changes))
            {
                if (MemberKey(key) is { } member)
                {
                    (member.Prefix switch { "participants" => users, "agents" => agents, "motifs" => motifs, _ => services }).Add(member.Id);
                    continue;
                }
                var target = key switch
                {
                    "motif_id" => motifs,
                    "lieu_id" => lieux,
                    "agent_id" => agents,
                    "responsible_id" => users,
                    "service_id" => services,
                    "motif_category_id" => categories,
                    _ => null,
                };
                if (target is null) continue;
                foreach (var value in new[] { before, after })
                    if (value is { ValueKind: JsonValueKind.Number } number) target.Add(number.GetInt64());
            }
        }
        return new HistoryReferences(motifs, lieux, agents, users, services, categories);
    }

    public static HistoryEntry Render(HistoryVersion version, HistoryNames names, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var changes = Pairs(version.Changes)
            .OrderBy(p => MemberKey(p.Key) is null ? FieldOrder.GetValueOrDefault(p.Key, FieldOrder.Count) : FieldOrder.Count + 1)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Change(version.Event, p.Key, p.Before, p.After, names, zone))
            .ToList();
        return new HistoryEntry(version.CreatedAt, Instant(version.CreatedAt, zone), Author(version, names), EventLabel(version.Event), changes);
    }

    private static string EventLabel(string kind) => kind switch
    {
        "create" => "Création",
        "destroy" => "Suppression",
        _ => "Modification",
    };

    private static string Author(HistoryVersion version, HistoryNames names)
    {
        var author = version.AuthorKind switch
        {
            "agent" => version.AuthorLabel ?? (version.AuthorId is { } id && names.Agents.TryGetValue(id, out var agent) ? agent : "Agent supprimé"),
            "usager" => version.AuthorId is { } id && names.Users.TryGetValue(id, out var user) ? $"{user} (usager)" : "Usager supprimé",
            "super_admin" => $"{version.AuthorLabel ?? "Équipe RdvSP"} (super admin)",
            _ => "Système (traitement automatique)",
        };
        return version.OnBehalfOf is { Length: > 0 } onBehalfOf ? $"{author} pour {onBehalfOf}" : author;
    }

    private static HistoryChange Change(string kind, string key, JsonElement? before, JsonElement? after, HistoryNames names, TimeZoneInfo zone)
    {
        if (MemberKey(key) is { } member)
        {
            var name = MemberName(member.Prefix, member.Id, names);
            if (member.Field is null)
                return new HistoryChange(after is { ValueKind: JsonValueKind.True } ? Members[member.Prefix].Added : Members[member.Prefix].Removed, null, name);
            var label = member.Field switch
            {
                "status" => $"Statut de {name}",
                "send_lifecycle_notifications" => $"Notifications de {name}",
                "send_reminder_notification" => $"Rappel pour {name}",
                _ => $"{member.Field} de {name}",
            };
            return Pair(kind, label, Value(member.Field, before, names, zone), Value(member.Field, after, names, zone));
        }
        return Pair(kind, FieldLabels.GetValueOrDefault(key, key), Value(key, before, names, zone), Value(key, after, names, zone));
    }

    /// <summary>A creation lists the values set, a deletion the values lost, a modification both sides.</summary>
    private static HistoryChange Pair(string kind, string label, string? before, string? after) => kind switch
    {
        "create" => new HistoryChange(label, null, after),
        "destroy" => new HistoryChange(label, before, null),
        _ => new HistoryChange(label, before ?? "(vide)", after ?? "(vide)"),
    };

    private static string MemberName(string prefix, long id, HistoryNames names)
    {
        var (map, missing) = prefix switch
        {
            "participants" => (names.Users, "Usager supprimé"),
            "agents" => (names.Agents, "Agent supprimé"),
            "motifs" => (names.Motifs, "Motif supprimé"),
            _ => (names.Services, "Service supprimé"),
        };
        return map.TryGetValue(id, out var name) ? name : missing;
    }

    private static string? Value(string field, JsonElement? element, HistoryNames names, TimeZoneInfo zone)
    {
        if (element is not { } value || value.ValueKind == JsonValueKind.Null) return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.True: return "Oui";
            case JsonValueKind.False: return "Non";
            case JsonValueKind.Object: return field == "recurrence" ? RecurrenceText(value.GetRawText()) : value.GetRawText();
            case JsonValueKind.Number:
                var number = value.GetInt64();
                return field switch
                {
                    "motif_id" => Name(names.Motifs, number, "Motif supprimé"),
                    "lieu_id" => Name(names.Lieux, number, "Lieu supprimé"),
                    "agent_id" => Name(names.Agents, number, "Agent supprimé"),
                    "responsible_id" => Name(names.Users, number, "Usager supprimé"),
                    "service_id" => Name(names.Services, number, "Service supprimé"),
                    "motif_category_id" => Name(names.Categories, number, "Catégorie supprimée"),
                    "min_public_booking_delay" or "max_public_booking_delay" => Delay(number),
                    "default_duration_in_min" or "buffer_after_minutes" or "slot_step_minutes" => $"{number} min",
                    _ => number.ToString(French),
                };
        }
        var text = value.GetString() ?? "";
        return field switch
        {
            "status" => Status(text),
            "starts_at" or "ends_at" or "deleted_at" when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) => Instant(instant, zone),
            "first_day" or "end_day" or "birth_date" when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day.ToString("dd/MM/yyyy", French),
            "start_time" or "end_time" when TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out var time) => time.ToString("HH'h'mm", French),
            "access_level" => text switch { "admin" => "Administrateur", "basic" => "Agent", "intervenant" => "Intervenant", _ => text },
            "location_type" => text switch { "public_office" => "Sur place", "phone" => "Par téléphone", "home" => "À domicile", "visio" => "Par visioconférence", _ => text },
            "availability" => text switch { "enabled" => "Ouvert", "disabled" => "Fermé", "single_use" => "Ponctuel", _ => text },
            "bookable_by" => text switch
            {
                "agents" => "Agents de l'organisation",
                "agents_and_prescripteurs" => "Agents et prescripteurs",
                "agents_and_prescripteurs_and_invited_users" => "Agents, prescripteurs et usagers invités",
                "everyone" => "Tout le monde",
                _ => text,
            },
            "visibility_type" => text switch
            {
                "visible_and_notified" => "Visible et notifié",
                "visible_and_not_notified" => "Visible et non notifié",
                "invisible" => "Invisible",
                _ => text,
            },
            "sectorisation_level" => text switch { "departement" => "Département", "organisation" => "Organisation", "agent" => "Agent", _ => text },
            "rdv_notifications_level" => text switch { "all" => "Tous", "others" => "Ceux des autres", "soon" => "Imminents", "none" => "Aucun", _ => text },
            "plage_ouverture_notification_level" or "absence_notification_level" => text switch { "all" => "Toutes", "none" => "Aucune", _ => text },
            _ => text,
        };
    }

    /// <summary>The reference's status labels (REFERENCE-DOMAIN §5.6), for an RDV and a participation alike.</summary>
    public static string Status(string status) => status switch
    {
        "unknown" => "À venir",
        "seen" => "Honoré",
        "excused" => "Annulé (excusé)",
        "revoked" => "Annulé (par le service)",
        "noshow" => "Absence non excusée",
        _ => status,
    };

    private static string Instant(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dd/MM/yyyy 'à' HH'h'mm", French);

    private static string Name(IReadOnlyDictionary<long, string> names, long id, string missing) => names.TryGetValue(id, out var name) ? name : missing;

    private static string Delay(long seconds) => seconds switch
    {
        >= 86_400 when seconds % 86_400 == 0 => $"{seconds / 86_400} jour(s)",
        >= 3_600 when seconds % 3_600 == 0 => $"{seconds / 3_600} heure(s)",
        >= 86_400 => $"{Math.Round(seconds / 86_400.0)} jour(s)",
        _ => $"{seconds / 60} minute(s)",
    };

    private static string RecurrenceText(string json)
    {
        var parsed = Recurrence.Parse(json);
        if (parsed.IsFailure) return json;
        var rule = parsed.Value;
        var text = rule.Every == RecurrenceFrequency.Week
            ? (rule.Interval == 1 ? "Toutes les semaines" : $"Toutes les {rule.Interval} semaines")
              + (rule.Weekdays.Count > 0 ? " le " + string.Join(", ", rule.Weekdays.Select(d => French.DateTimeFormat.GetDayName(d))) : "")
            : (rule.Interval == 1 ? "Tous les mois" : $"Tous les {rule.Interval} mois")
              + (rule.MonthlyWeekday is { } weekday && rule.MonthlyWeekdayNumber is { } n
                  ? $" le {(n == -1 ? "dernier" : n == 1 ? "1er" : $"{n}e")} {French.DateTimeFormat.GetDayName(weekday)}"
                  : "");
        return rule.Until is { } until ? $"{text} jusqu'au {until.ToString("dd/MM/yyyy", French)}" : text;
    }

    private static IEnumerable<(string Key, JsonElement? Before, JsonElement? After)> Pairs(string changes)
    {
        using var document = JsonDocument.Parse(changes);
        var pairs = new List<(string, JsonElement?, JsonElement?)>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() != 2) continue;
            pairs.Add((property.Name, property.Value[0].Clone(), property.Value[1].Clone()));
        }
        return pairs;
    }

    private static (string Prefix, long Id, string? Field)? MemberKey(string key)
    {
        var parts = key.Split('.');
        if (parts.Length is < 2 or > 3 || !Members.ContainsKey(parts[0])) return null;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        return (parts[0], id, parts.Length == 3 ? parts[2] : null);
    }
}
