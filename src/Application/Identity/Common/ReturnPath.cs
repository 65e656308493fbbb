namespace RdvSP.Application.Identity.Common;

/// <summary>
/// Where to bring someone back after a detour (sign-up, confirmation, adding a relative): a path of
/// this site only, so a crafted link can never send a usager to another site (open redirect).
/// </summary>
public static class ReturnPath
{
    public const int MaxLength = 1000;

    public static bool IsLocal(string? path) =>
        path is { Length: > 0 and <= MaxLength }
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    /// <summary>The path if it is local, else null.</summary>
    public static string? LocalOrNull(string? path) => IsLocal(path) ? path : null;
}
