namespace RdvSP.Domain.Availability;

/// <summary>
/// Which public holidays apply: the 11 metropolitan days, plus Good Friday and 26 December in
/// Alsace-Moselle (57, 67, 68), plus the abolition-of-slavery day in each overseas département.
/// </summary>
public sealed class HolidayCalendar
{
    public static readonly HolidayCalendar Metropolitan = new("metropolitan", alsaceMoselle: false, null);
    public static readonly HolidayCalendar AlsaceMoselle = new("alsace_moselle", alsaceMoselle: true, null);
    public static readonly HolidayCalendar Guadeloupe = new("guadeloupe", alsaceMoselle: false, (5, 27));
    public static readonly HolidayCalendar Martinique = new("martinique", alsaceMoselle: false, (5, 22));
    public static readonly HolidayCalendar Guyane = new("guyane", alsaceMoselle: false, (6, 10));
    public static readonly HolidayCalendar LaReunion = new("la_reunion", alsaceMoselle: false, (12, 20));
    public static readonly HolidayCalendar Mayotte = new("mayotte", alsaceMoselle: false, (4, 27));

    /// <summary>No holiday at all (tests, or territories that opt out).</summary>
    public static readonly HolidayCalendar None = new("none", alsaceMoselle: false, null, empty: true);

    private HolidayCalendar(string code, bool alsaceMoselle, (int Month, int Day)? abolitionOfSlavery, bool empty = false)
    {
        Code = code;
        IncludesAlsaceMoselleDays = alsaceMoselle;
        AbolitionOfSlavery = abolitionOfSlavery;
        IsEmpty = empty;
    }

    public string Code { get; }

    public bool IncludesAlsaceMoselleDays { get; }

    /// <summary>Month and day of the overseas abolition-of-slavery holiday, if any.</summary>
    public (int Month, int Day)? AbolitionOfSlavery { get; }

    internal bool IsEmpty { get; }

    /// <summary>The calendar of a territory's département number ("57", "974", "2A"…); metropolitan by default.</summary>
    public static HolidayCalendar ForDepartement(string? departementCode) => departementCode?.Trim() switch
    {
        "57" or "67" or "68" => AlsaceMoselle,
        "971" => Guadeloupe,
        "972" => Martinique,
        "973" => Guyane,
        "974" => LaReunion,
        "976" => Mayotte,
        _ => Metropolitan,
    };

    /// <summary>The calendar stored under its <see cref="Code"/> (e.g. the generated column of organisations); metropolitan when unknown.</summary>
    public static HolidayCalendar FromCode(string? code) => code switch
    {
        "alsace_moselle" => AlsaceMoselle,
        "guadeloupe" => Guadeloupe,
        "martinique" => Martinique,
        "guyane" => Guyane,
        "la_reunion" => LaReunion,
        "mayotte" => Mayotte,
        "none" => None,
        _ => Metropolitan,
    };

    public override string ToString() => Code;
}
