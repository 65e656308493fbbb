using System.Text.RegularExpressions;

namespace RdvSP.Application.Identity.Common;

/// <summary>E-mail rules of the reference: trimmed, case-insensitive, strict pattern, ".@" and ".." typos corrected.</summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string? email)
    {
        var value = (email ?? string.Empty).Trim().ToLowerInvariant();
        while (value.Contains("..", StringComparison.Ordinal)) value = value.Replace("..", ".", StringComparison.Ordinal);
        return value.Replace(".@", "@", StringComparison.Ordinal);
    }

    public static bool IsValid(string? email)
    {
        var value = Normalize(email);
        return value.Length <= MaxLength && Pattern().IsMatch(value);
    }

    [GeneratedRegex(@"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
