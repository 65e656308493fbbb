using System.Globalization;
using RdvSP.Domain.Availability;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>French wording of plage and absence dates and recurrences for the back-office screens.</summary>
public static class AvailabilityDisplay
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH'h'mm", CultureInfo.InvariantCulture);

    private static string WeekdayName(DayOfWeek day) => French.DateTimeFormat.GetDayName(day);

    /// <summary>"Toutes les 2 semaines, le lundi et le jeudi, jusqu'au 31/01/2027", or "Exceptionnelle" when none.</summary>
    public static string Recurrence(string? json)
    {
        if (json is null || RdvSP.Domain.Availability.Recurrence.IsNone(json)) return "Exceptionnelle (pas de répétition)";
        var parsed = RdvSP.Domain.Availability.Recurrence.Parse(json);
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
