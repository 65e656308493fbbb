namespace RdvSP.Application.Usagers.Common;

internal static class Text
{
    /// <summary>Trimmed text, or null for blank input (stored as NULL, like the reference).</summary>
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
