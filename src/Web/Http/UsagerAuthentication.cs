namespace RdvSP.Web.Http;

/// <summary>The cookie scheme of signed-in usagers (agents get their own scheme with ProConnect).</summary>
public static class UsagerAuthentication
{
    public const string Scheme = "usager";
    public const string CookieName = "rdvsp.usager";
}
