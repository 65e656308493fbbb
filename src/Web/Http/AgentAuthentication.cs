namespace RdvSP.Web.Http;

/// <summary>
/// Agents sign in with their own cookie, apart from usagers': the back-office (/admin, /agents)
/// reads only the agent cookie and the public pages only the usager cookie, so one browser may hold
/// both and neither ever acts as the other.
/// </summary>
public static class AgentAuthentication
{
    public const string Scheme = "agent";

    /// <summary>The default scheme: picks the agent or the usager cookie from the request path.</summary>
    public const string ByAreaScheme = "by-area";

    public const string Policy = "agent";

    public static bool IsBackOffice(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/agents", StringComparison.OrdinalIgnoreCase);
}
