using System.Globalization;

namespace RdvSP.Web.Http.BoundValues;

/// <summary>
/// The edge rules every bound value passes before a page or endpoint sees it (ARCHITECTURE §9, edge
/// validation): values PostgreSQL or the date arithmetic could choke on are refused here with a
/// French message. Use cases keep their own, narrower rules (booking window, birth date…).
/// </summary>
internal static class BoundValueRules
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);
    public const int MaxTextLength = 1000;
    public const int MaxPage = 10_000;
    public const int MaxIdsInList = 50;

    public static readonly string DateMessage = string.Create(CultureInfo.InvariantCulture,
        $"La date doit être comprise entre le {EarliestDate:dd/MM/yyyy} et le {LatestDate:dd/MM/yyyy}.");
    public const string TextTooLongMessage = "Le texte saisi est trop long (1000 caractères au maximum).";
    public const string ControlCharacterMessage = "Le texte saisi contient des caractères non autorisés.";
    public const string IdMessage = "L'identifiant n'est pas valide.";
    public const string PageMessage = "Le numéro de page n'est pas valide.";
    public const string NumberMessage = "Le nombre saisi n'est pas valide.";
    public const string LatitudeMessage = "La latitude doit être comprise entre -90 et 90.";
    public const string LongitudeMessage = "La longitude doit être comprise entre -180 et 180.";
    public static readonly string IdsMessage = $"La liste d'identifiants n'est pas valide ({MaxIdsInList} au maximum).";

    /// <summary>
    /// The check for a value of <paramref name="type"/> bound to the C# property or parameter
    /// <paramref name="name"/> (ids and pages are recognised by name); null when any value is fine.
    /// The check returns the French message of a refused value, null for an accepted one.
    /// </summary>
    public static Func<object, string?>? For(Type type, string? name)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return v => Text((string)v);
        if (t == typeof(DateOnly)) return v => Date((DateOnly)v);
        if (t == typeof(DateTime)) return v => Date(DateOnly.FromDateTime((DateTime)v));
        if (t == typeof(DateTimeOffset)) return v => Date(DateOnly.FromDateTime(((DateTimeOffset)v).UtcDateTime));
        if (t == typeof(double) || t == typeof(float)) return Coordinate(name);
        if ((t == typeof(long) || t == typeof(int)) && IsId(name)) return v => Convert.ToInt64(v, CultureInfo.InvariantCulture) > 0 ? null : IdMessage;
        if (t == typeof(int) && IsPage(name)) return v => (int)v is >= 1 and <= MaxPage ? null : PageMessage;
        if (IsIdList(t) && IsIds(name))
            return v => v is System.Collections.ICollection { Count: <= MaxIdsInList } list
                        && list.Cast<object>().All(id => Convert.ToInt64(id, CultureInfo.InvariantCulture) > 0) ? null : IdsMessage;
        return null;
    }

    private static string? Text(string value)
    {
        if (value.Length > MaxTextLength) return TextTooLongMessage;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            // NUL is refused by PostgreSQL's text type; a lone surrogate cannot be encoded in UTF-8.
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n')) return ControlCharacterMessage;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(c)) return ControlCharacterMessage;
        }
        return null;
    }

    private static string? Date(DateOnly value) => value >= EarliestDate && value <= LatestDate ? null : DateMessage;

    private static Func<object, string?> Coordinate(string? name) => v =>
    {
        var d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
        if (!double.IsFinite(d)) return NumberMessage;
        if (string.Equals(name, "Latitude", StringComparison.OrdinalIgnoreCase) && Math.Abs(d) > 90) return LatitudeMessage;
        if (string.Equals(name, "Longitude", StringComparison.OrdinalIgnoreCase) && Math.Abs(d) > 180) return LongitudeMessage;
        return null;
    };

    // C# names: "id", "MotifId", "organisationId" (not "Paid" or "Valid").
    private static bool IsId(string? name) =>
        name is not null && (name.Equals("id", StringComparison.OrdinalIgnoreCase) || (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2));

    private static bool IsIds(string? name) =>
        name is not null && (name.Equals("ids", StringComparison.OrdinalIgnoreCase) || (name.EndsWith("Ids", StringComparison.Ordinal) && name.Length > 3));

    private static bool IsPage(string? name) =>
        name is not null && (name.Equals("page", StringComparison.OrdinalIgnoreCase) || name.Equals("PageNumber", StringComparison.OrdinalIgnoreCase));

    private static bool IsIdList(Type type) =>
        type != typeof(string) && type.GetInterfaces().Append(type).Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && i.GetGenericArguments()[0] is var e && (e == typeof(long) || e == typeof(int)));
}
