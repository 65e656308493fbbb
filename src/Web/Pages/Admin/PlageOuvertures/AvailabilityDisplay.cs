using System.Globalization;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>French wording of plage and absence dates and recurrences for the back-office screens.</summary>
public static class AvailabilityDisplay
{
    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH'h'mm", CultureInfo.InvariantCulture);

    /// <summary>"Toutes les 2 semaines, le lundi et le jeudi, jusqu'au 31/01/2027", or "Exceptionnelle" when none.</summary>
    public static string Recurrence(string? json) => RdvSP.Application.Availability.BackOffice.RecurrenceWording.Describe(json);
}
