using System.Globalization;
using RdvSP.Domain.Common;

namespace RdvSP.Domain.Availability;

/// <summary>French messages of the recurrence and occurrence validations.</summary>
public static class RecurrenceErrors
{
    public static readonly Error Interval =
        new("recurrence.interval", "L'intervalle de la récurrence doit être compris entre 1 et 5.");

    public static readonly Error MonthlyDay =
        new("recurrence.monthly_day", "La récurrence mensuelle doit indiquer un jour de la semaine et son rang (1 à 5, ou -1 pour le dernier).");

    public static readonly Error StartsNotFirstDay =
        new("recurrence.starts", "Le début de la récurrence doit être le premier jour.");

    public static readonly Error UntilNotAfterFirstDay =
        new("recurrence.until", "La date de fin de la récurrence doit être postérieure au premier jour.");

    public static readonly Error RecurringMultiDayAbsence =
        new("absence.recurring_multi_day", "Une indisponibilité récurrente doit commencer et finir le même jour.");

    public static readonly Error EndBeforeStart =
        new("time.end_before_start", "La fin doit être après le début.");

    public static Error Format(string detail) =>
        new("recurrence.format", $"La récurrence n'a pas un format valide : {detail}.");

    public static Error Unrealistic(string field, DateOnly day) =>
        new($"{field}.unrealistic", $"La date du {day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} n'est pas réaliste : elle doit être comprise entre le 01/01/2018 et dans 5 ans.");
}
