using System.Globalization;

namespace RdvSP.Application.Booking.AgentAgenda;

/// <summary>
/// The local days a feed covers: FullCalendar's <c>start</c> (inclusive) and <c>end</c> (exclusive),
/// sent as ISO dates or date-times in the organisation's zone (only the date counts). At most six
/// weeks: the month view asks 42 days.
/// </summary>
public sealed record AgendaRange(DateOnly From, DateOnly ToExclusive)
{
    public const int MaxDays = 42;

    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>Last local day shown (inclusive).</summary>
    public DateOnly To => ToExclusive.AddDays(-1);

    /// <summary>The range, or the French message saying what is wrong with <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static bool TryCreate(string? start, string? end, out AgendaRange range, out string error)
    {
        range = new AgendaRange(default, default);
        if (!TryParseDay(start, out var from))
        {
            error = "La date de début (start) est obligatoire, au format AAAA-MM-JJ.";
            return false;
        }
        if (!TryParseDay(end, out var to))
        {
            error = "La date de fin (end) est obligatoire, au format AAAA-MM-JJ.";
            return false;
        }
        if (from < Earliest || to > Latest)
        {
            error = "Les dates doivent être comprises entre le 01/01/2000 et le 31/12/2100.";
            return false;
        }
        if (to <= from)
        {
            error = "La date de fin doit être postérieure à la date de début.";
            return false;
        }
        if (to.DayNumber - from.DayNumber > MaxDays)
        {
            error = $"La période demandée ne peut pas dépasser {MaxDays / 7} semaines.";
            return false;
        }
        range = new AgendaRange(from, to);
        error = "";
        return true;
    }

    /// <summary>"2026-03-30", "2026-03-30T00:00:00", with "Z" or an offset ("+02:00"): the date part.</summary>
    public static bool TryParseDay(string? text, out DateOnly day)
    {
        day = default;
        if (text is null || text.Length < 10
            || !DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return false;
        if (text.Length == 10) return true;
        return text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            && text.Length <= 35;
    }
}
