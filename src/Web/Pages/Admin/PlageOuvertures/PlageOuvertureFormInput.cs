using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Availability.BackOffice;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>The plage form's fields (names match the commands', so validation messages land beside them).</summary>
public sealed class PlageOuvertureFormInput
{
    public string? Title { get; set; }
    public DateOnly? FirstDay { get; set; }
    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }

    /// <summary>The recurrence widget's JSON (hidden field), blank for a one-off plage.</summary>
    public string? Recurrence { get; set; }

    public long? LieuId { get; set; }
    public List<long> MotifIds { get; set; } = [];

    public T Fill<T>(T command) where T : PlageOuvertureInput => command with
    {
        Title = Title ?? "",
        FirstDay = FirstDay,
        StartTime = StartTime,
        EndTime = EndTime,
        Recurrence = Recurrence,
        LieuId = LieuId,
        MotifIds = MotifIds,
        // A change made in the back-office e-mails the owning agent (REFERENCE-DOMAIN §6.4).
        NotifyOwner = true,
    };

    public static PlageOuvertureFormInput From(OpeningPeriodRow plage) => new()
    {
        Title = plage.Title,
        FirstDay = plage.FirstDay,
        StartTime = plage.StartTime,
        EndTime = plage.EndTime,
        Recurrence = plage.Recurrence,
        LieuId = plage.LieuId,
        MotifIds = [.. plage.MotifIds],
    };
}
