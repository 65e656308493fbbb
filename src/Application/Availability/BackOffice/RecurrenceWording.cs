using System.Globalization;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.Availability.BackOffice;

/// <summary>The French wording of a plage or absence recurrence, shared by the back-office screens and the agents' e-mails.</summary>
public static class RecurrenceWording
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string WeekdayName(DayOfWeek day) => French.DateTimeFormat.GetDayName(day);

    /// <summary>"Toutes les 2 semaines, le lundi et le jeudi, jusqu'au 31/01/2027", or "Exceptionnelle" when none.</summary>
    public static string Describe(string? json)
    {
        if (json is null || Recurrence.IsNone(json)) return "Exceptionnelle (pas de répétition)";
        var parsed = Recurrence.Parse(json);
        if (parsed.IsFailure) return "Répétition illisible";
        var rule = parsed.Value;
        string text;
        if (rule.Every == RecurrenceFrequency.Week)
        {
            text = rule.Interval == 1 ? "Toutes les semaines" : $"Toutes les {rule.Interval} semaines";
            var days = rule.Weekdays.Count > 0 ? rule.Weekdays : [rule.Starts.DayOfWeek];
            text += ", le " + string.Join(" et le ", days.Select(WeekdayName));
        }
        else
        {
            text = rule.Interval == 1 ? "Tous les mois" : $"Tous les {rule.Interval} mois";
            if (rule.MonthlyWeekday is { } weekday && rule.MonthlyWeekdayNumber is { } n)
                text += $", le {(n == 1 ? "1er" : n == -1 ? "dernier" : $"{n}e")} {WeekdayName(weekday)} du mois";
            else
                text += $", le {rule.Starts.Day} du mois";
        }
        return rule.Until is { } until ? $"{text}, jusqu'au {Day(until)}" : text;
    }
}
