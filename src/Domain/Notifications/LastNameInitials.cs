using System.Globalization;
using System.Text;

namespace RdvSP.Domain.Notifications;

/// <summary>
/// The check that opens a participation link (REFERENCE-SURFACES §1.5): the first 3 letters of the last
/// name, compared without case, accents, spaces, hyphens or apostrophes ("Lé-Goff" → "LEG"). A shorter
/// name is typed whole.
/// </summary>
public static class LastNameInitials
{
    public const int Length = 3;

    /// <summary>Letters only, upper case, accents and ligatures spelled out ("Œ" → "OE").</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "OE", StringComparison.Ordinal)
                     .Replace("æ", "ae", StringComparison.Ordinal).Replace("Æ", "AE", StringComparison.Ordinal)
                     .Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetter(c)) builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>The letters to type for <paramref name="lastName"/>.</summary>
    public static string Of(string? lastName)
    {
        var letters = Normalise(lastName);
        return letters.Length <= Length ? letters : letters[..Length];
    }

    /// <summary>
    /// Whether <paramref name="typed"/> gives the first letters of one of <paramref name="lastNames"/> (the
    /// participant's, and its responsible's: the one who received the message). Typing more than the first 3
    /// letters (the whole name) is accepted, only the first 3 count.
    /// </summary>
    public static bool Matches(string? typed, IEnumerable<string?> lastNames)
    {
        var given = Normalise(typed);
        if (given.Length == 0) return false;
        return lastNames.Select(Of).Any(expected => expected.Length > 0 && given.Length >= expected.Length && given.StartsWith(expected, StringComparison.Ordinal));
    }
}
