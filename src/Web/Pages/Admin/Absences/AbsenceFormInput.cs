using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Availability.BackOffice;

namespace RdvSP.Web.Pages.Admin.Absences;

/// <summary>The absence form's fields (names match the commands', so validation messages land beside them).</summary>
public sealed class AbsenceFormInput
{
    public string? Title { get; set; }
    public DateOnly? FirstDay { get; set; }
    public TimeOnly? StartTime { get; set; }
    public DateOnly? EndDay { get; set; }
    public TimeOnly? EndTime { get; set; }

    /// <summary>The recurrence widget's JSON (hidden field), blank for none.</summary>
    public string? Recurrence { get; set; }

    public T Fill<T>(T command) where T : AbsenceInput => command with
    {
        Title = Title ?? "",
        FirstDay = FirstDay,
        StartTime = StartTime,
        EndDay = EndDay,
        EndTime = EndTime,
        Recurrence = Recurrence,
        // A change made in the back-office e-mails the owning agent (REFERENCE-DOMAIN §6.4).
        NotifyOwner = true,
    };

    public static AbsenceFormInput From(AbsenceRow absence) => new()
    {
        Title = absence.Title,
        FirstDay = absence.FirstDay,
        StartTime = absence.StartTime,
        EndDay = absence.EndDay,
        EndTime = absence.EndTime,
        Recurrence = absence.Recurrence,
    };
}
