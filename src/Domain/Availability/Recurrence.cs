using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RdvSP.Domain.Common;

namespace RdvSP.Domain.Availability;

/// <summary>
/// A recurrence rule in the reference's stored JSON shape (REFERENCE-DOMAIN §3.1, §13 rows 5, 9, 10).
/// Weekly: every <see cref="Interval"/> weeks (weeks start on Monday) on <see cref="Weekdays"/>, or on
/// the weekday of <see cref="Starts"/> when none is given. Monthly: the n-th <see cref="MonthlyWeekday"/>
/// of every <see cref="Interval"/> months, or the same day of month when no weekday is given.
/// <see cref="Until"/> is inclusive.
/// </summary>
public sealed record Recurrence
{
    private static readonly DayOfWeek[] MondayFirst =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday,
        DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    private Recurrence(
        RecurrenceFrequency every,
        int interval,
        IReadOnlyList<DayOfWeek> weekdays,
        int? monthlyWeekdayNumber,
        DayOfWeek? monthlyWeekday,
        DateOnly starts,
        DateOnly? until)
    {
        Every = every;
        Interval = interval;
        Weekdays = weekdays;
        MonthlyWeekdayNumber = monthlyWeekdayNumber;
        MonthlyWeekday = monthlyWeekday;
        Starts = starts;
        Until = until;
        WeekdayMask = 0;
        foreach (var day in weekdays)
        {
            WeekdayMask |= 1 << MondayIndex(day);
        }
    }

    /// <summary>The largest interval the forms offer (REFERENCE-SURFACES §2.4: every 1 to 5 weeks or months).</summary>
    public const int MaxInterval = 5;

    public RecurrenceFrequency Every { get; }

    public int Interval { get; }

    /// <summary>Weekly only; Monday first, Sunday last, no duplicates. Empty = the weekday of <see cref="Starts"/>.</summary>
    public IReadOnlyList<DayOfWeek> Weekdays { get; }

    /// <summary>Monthly only: n in "the n-th weekday of the month" (1..5, or -1 for the last). Null = same day of month.</summary>
    public int? MonthlyWeekdayNumber { get; }

    public DayOfWeek? MonthlyWeekday { get; }

    public DateOnly Starts { get; }

    /// <summary>Last day on which an occurrence may happen (inclusive). Null = open-ended.</summary>
    public DateOnly? Until { get; }

    /// <summary>Bit i set = weekday with Monday-based index i (Monday = 0 … Sunday = 6).</summary>
    internal int WeekdayMask { get; }

    /// <summary>The reference's <c>recurrence_ends_at</c>: 23:59:59 local on the <see cref="Until"/> day.</summary>
    public DateTime? EndsAtLocal => Until?.ToDateTime(new TimeOnly(23, 59, 59));

    public static Result<Recurrence> Weekly(DateOnly starts, int interval = 1, IEnumerable<DayOfWeek>? weekdays = null, DateOnly? until = null)
    {
        if (interval < 1)
        {
            return RecurrenceErrors.Interval;
        }

        var mask = 0;
        foreach (var day in weekdays ?? [])
        {
            mask |= 1 << MondayIndex(day);
        }

        var ordered = new List<DayOfWeek>(7);
        for (var i = 0; i < 7; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                ordered.Add(MondayFirst[i]);
            }
        }

        return new Recurrence(RecurrenceFrequency.Week, interval, ordered.AsReadOnly(), null, null, starts, until);
    }

    /// <summary>
    /// Monthly rule. With <paramref name="weekdayNumber"/> and <paramref name="weekday"/>: the n-th such
    /// weekday; without: the day of month of <paramref name="starts"/>.
    /// </summary>
    public static Result<Recurrence> Monthly(DateOnly starts, int interval = 1, int? weekdayNumber = null, DayOfWeek? weekday = null, DateOnly? until = null)
    {
        if (interval < 1)
        {
            return RecurrenceErrors.Interval;
        }

        if (weekdayNumber.HasValue != weekday.HasValue
            || (weekdayNumber is { } n && (n is 0 or > 5 or < -5)))
        {
            return RecurrenceErrors.MonthlyDay;
        }

        return new Recurrence(RecurrenceFrequency.Month, interval, [], weekdayNumber, weekday, starts, until);
    }

    /// <summary>The monthly rule the reference's form builds from a first day: the N-th weekday of that date.</summary>
    public static Result<Recurrence> MonthlyLikeFirstDay(DateOnly firstDay, int interval = 1, DateOnly? until = null)
        => Monthly(firstDay, interval, ((firstDay.Day - 1) / 7) + 1, firstDay.DayOfWeek, until);

    /// <summary>Validation of the rule against its element's first day (REFERENCE-DOMAIN §3.4).</summary>
    public IReadOnlyList<Error> Validate(DateOnly firstDay)
    {
        var errors = new List<Error>();
        if (Interval > MaxInterval)
        {
            errors.Add(RecurrenceErrors.Interval);
        }

        if (Starts != firstDay)
        {
            errors.Add(RecurrenceErrors.StartsNotFirstDay);
        }

        if (Until is { } until && until <= firstDay)
        {
            errors.Add(RecurrenceErrors.UntilNotAfterFirstDay);
        }

        return errors;
    }

    /// <summary>True when no occurrence can fall on or after <paramref name="day"/> (the SQL pre-filter's "ended").</summary>
    public bool EndsBefore(DateOnly day) => Until is { } until && until < day;

    public bool Equals(Recurrence? other) =>
        other is not null
        && Every == other.Every
        && Interval == other.Interval
        && WeekdayMask == other.WeekdayMask
        && MonthlyWeekdayNumber == other.MonthlyWeekdayNumber
        && MonthlyWeekday == other.MonthlyWeekday
        && Starts == other.Starts
        && Until == other.Until;

    public override int GetHashCode() => HashCode.Combine(Every, Interval, WeekdayMask, MonthlyWeekdayNumber, MonthlyWeekday, Starts, Until);

    /// <summary>Dates of the occurrences in [<paramref name="from"/>, <paramref name="to"/>], ascending, never before <paramref name="firstDay"/>.</summary>
    public IEnumerable<DateOnly> DatesBetween(DateOnly firstDay, DateOnly from, DateOnly to)
    {
        var cursor = new RecurrenceCursor(this, firstDay, from, to);
        while (cursor.MoveNext(out var day))
        {
            yield return day;
        }
    }

    // ---- JSON ----

    /// <summary>
    /// Reads every shape the reference stored: ISO timestamps, "2024-01-08 00:00:00 +0100", plain
    /// dates or dd/mm/yyyy; weekly <c>on</c> and/or <c>day</c>; monthly <c>day: {"2":[3]}</c>.
    /// Only the local date of <c>starts</c>/<c>until</c> matters.
    /// </summary>
    public static Result<Recurrence> Parse(string json) => Parse(json, null);

    /// <summary>
    /// <see cref="Parse(string)"/> for a form or API value: also reads the reference form's own shapes
    /// (weekday names as keys of the monthly <c>day</c>, a single number or name instead of a list) and,
    /// when <c>starts</c> is missing, takes <paramref name="firstDay"/> (the element's first day).
    /// </summary>
    public static Result<Recurrence> Parse(string json, DateOnly? firstDay)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return RecurrenceErrors.Format("la récurrence est vide");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJson(document.RootElement, firstDay);
        }
        catch (JsonException)
        {
            return RecurrenceErrors.Format("JSON invalide");
        }
    }

    /// <summary>True for a value meaning "no recurrence": blank, JSON null or an empty object (§3.1).</summary>
    public static bool IsNone(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Null
                || (root.ValueKind == JsonValueKind.Object && !root.EnumerateObject().Any());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Result<Recurrence> FromJson(JsonElement root, DateOnly? firstDay)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return RecurrenceErrors.Format("un objet est attendu");
        }

        if (!root.TryGetProperty("every", out var everyElement) || everyElement.ValueKind != JsonValueKind.String)
        {
            return RecurrenceErrors.Format("la clé « every » est obligatoire");
        }

        var interval = 1;
        if (root.TryGetProperty("interval", out var intervalElement) && intervalElement.ValueKind != JsonValueKind.Null)
        {
            if (!TryReadInt(intervalElement, out interval))
            {
                return RecurrenceErrors.Format("« interval » doit être un entier");
            }
        }

        DateOnly starts;
        if (!root.TryGetProperty("starts", out var startsElement) || startsElement.ValueKind == JsonValueKind.Null)
        {
            if (firstDay is not { } defaultStarts)
            {
                return RecurrenceErrors.Format("« starts » doit être une date");
            }

            starts = defaultStarts;
        }
        else if (!TryReadDate(startsElement, out starts))
        {
            return RecurrenceErrors.Format("« starts » doit être une date");
        }

        DateOnly? until = null;
        if (root.TryGetProperty("until", out var untilElement) && untilElement.ValueKind != JsonValueKind.Null)
        {
            if (!TryReadDate(untilElement, out var untilDay))
            {
                return RecurrenceErrors.Format("« until » doit être une date");
            }

            until = untilDay;
        }

        switch (everyElement.GetString())
        {
            case "week":
                {
                    var days = new List<DayOfWeek>();
                    if (root.TryGetProperty("on", out var on) && on.ValueKind != JsonValueKind.Null)
                    {
                        foreach (var item in OneOrMany(on))
                        {
                            if (!TryReadWeekday(item, out var day))
                            {
                                return RecurrenceErrors.Format("jour de la semaine inconnu dans « on »");
                            }

                            days.Add(day);
                        }
                    }

                    if (root.TryGetProperty("day", out var dayElement) && dayElement.ValueKind != JsonValueKind.Null)
                    {
                        if (dayElement.ValueKind == JsonValueKind.Object)
                        {
                            return RecurrenceErrors.Format("« day » doit être une liste de jours pour une récurrence hebdomadaire");
                        }

                        foreach (var item in OneOrMany(dayElement))
                        {
                            if (!TryReadWeekday(item, out var day))
                            {
                                return RecurrenceErrors.Format("numéro de jour invalide dans « day »");
                            }

                            days.Add(day);
                        }
                    }

                    return Weekly(starts, interval, days, until);
                }

            case "month":
                {
                    if (root.TryGetProperty("day", out var dayElement) && dayElement.ValueKind != JsonValueKind.Null)
                    {
                        if (dayElement.ValueKind != JsonValueKind.Object)
                        {
                            return RecurrenceErrors.Format("« day » doit être de la forme {\"2\":[3]} pour une récurrence mensuelle");
                        }

                        DayOfWeek? weekday = null;
                        int? number = null;
                        foreach (var property in dayElement.EnumerateObject())
                        {
                            var values = OneOrMany(property.Value).ToList();
                            if (weekday is not null
                                || !TryReadWeekdayName(property.Name, out var w)
                                || values.Count != 1
                                || !TryReadInt(values[0], out var n))
                            {
                                return RecurrenceErrors.Format("un seul jour de la forme {\"2\":[3]} est pris en charge");
                            }

                            weekday = w;
                            number = n;
                        }

                        if (weekday is null)
                        {
                            return Monthly(starts, interval, until: until);
                        }

                        return Monthly(starts, interval, number, weekday.Value, until);
                    }

                    return Monthly(starts, interval, until: until);
                }

            default:
                return RecurrenceErrors.Format("« every » doit valoir « week » ou « month »");
        }
    }

    /// <summary>
    /// Canonical JSON: keys every, interval, starts, on + day (weekly) or day (monthly), until; dates as
    /// ISO local dates ("2024-01-08"). Parse(ToJson()) gives back an equal rule.
    /// </summary>
    public string ToJson() => Write(null);

    /// <summary>
    /// The same canonical JSON with <c>starts</c>/<c>until</c> as ISO timestamps at local midnight with the
    /// zone's offset ("2024-01-08T00:00:00+01:00"), the shape of the reference's examples (§3.1).
    /// </summary>
    public string ToJson(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Write(zone);
    }

    private string Write(TimeZoneInfo? zone)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("every", Every == RecurrenceFrequency.Week ? "week" : "month");
            writer.WriteNumber("interval", Interval);
            writer.WriteString("starts", FormatDate(Starts, zone));
            if (Every == RecurrenceFrequency.Week)
            {
                if (Weekdays.Count > 0)
                {
                    writer.WriteStartArray("on");
                    foreach (var day in Weekdays)
                    {
                        writer.WriteStringValue(day.ToString().ToLowerInvariant());
                    }

                    writer.WriteEndArray();
                    writer.WriteStartArray("day");
                    foreach (var day in Weekdays)
                    {
                        writer.WriteNumberValue((int)day);
                    }

                    writer.WriteEndArray();
                }
            }
            else if (MonthlyWeekday is { } weekday)
            {
                writer.WriteStartObject("day");
                writer.WriteStartArray(((int)weekday).ToString(CultureInfo.InvariantCulture));
                writer.WriteNumberValue(MonthlyWeekdayNumber!.Value);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (Until is { } until)
            {
                writer.WriteString("until", FormatDate(until, zone));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string FormatDate(DateOnly day, TimeZoneInfo? zone)
    {
        if (zone is null)
        {
            return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = ZoneOffsets.Resolve(zone, midnight);
        return new DateTimeOffset(midnight, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static bool TryReadInt(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out value),
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static bool TryReadDate(JsonElement element, out DateOnly day)
    {
        day = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = element.GetString()!.Trim();

        // "2024-01-08", "2024-01-08T00:00:00+01:00", "2024-01-08 00:00:00 +0100": the local date is the prefix.
        if (text.Length >= 10
            && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return text.Length == 10 || text[10] is 'T' or ' ';
        }

        // Forms post "08/01/2024".
        return DateOnly.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>A list's items, or the value itself when a single value stands for a one-item list.</summary>
    private static IEnumerable<JsonElement> OneOrMany(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];

    /// <summary>A weekday as a number (0 = Sunday … 6 = Saturday, also as text) or an English name.</summary>
    private static bool TryReadWeekday(JsonElement element, out DayOfWeek day)
    {
        day = default;
        if (element.ValueKind == JsonValueKind.String)
        {
            return TryReadWeekdayName(element.GetString()!, out day);
        }

        if (!TryReadInt(element, out var n) || n is < 0 or > 6)
        {
            return false;
        }

        day = (DayOfWeek)n;
        return true;
    }

    private static bool TryReadWeekdayName(string text, out DayOfWeek day)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            day = (DayOfWeek)Math.Min(n, 7);
            return n <= 6;
        }

        return TryParseDayName(text.Trim(), out day);
    }

    private static bool TryParseDayName(string name, out DayOfWeek day)
    {
        for (var i = 0; i < 7; i++)
        {
            if (string.Equals(MondayFirst[i].ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                day = MondayFirst[i];
                return true;
            }
        }

        day = default;
        return false;
    }

    internal static int MondayIndex(DayOfWeek day) => ((int)day + 6) % 7;
}
