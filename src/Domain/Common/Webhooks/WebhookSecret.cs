namespace RdvSP.Domain.Common.Webhooks;

/// <summary>How the admin UI shows an endpoint's secret (REFERENCE-API §4.1): masked but its last 3 characters.</summary>
public static class WebhookSecret
{
    public static string Mask(string secret) =>
        secret.Length <= 3 ? secret : new string('*', secret.Length - 3) + secret[^3..];

    /// <summary>The secret to store: the current one when the form sends its mask back unchanged.</summary>
    public static string Resolve(string submitted, string? current) =>
        current is not null && submitted == Mask(current) ? current : submitted;
}
