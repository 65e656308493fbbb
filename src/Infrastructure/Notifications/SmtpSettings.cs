using Microsoft.Extensions.Configuration;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// An SMTP relay from the environment: SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM
/// (Brevo in production), or the same names after ALTERNATE_ for the alternate relay of SFR mail2SMS.
/// SMTP_TIMEOUT_SECONDS (10 by default) bounds each network operation: the dispatcher sends one message at a
/// time, so a relay that accepts connections and never answers must cost one short failed attempt, not
/// MailKit's default two minutes holding every other message back.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, string? Username, string? Password, string From, TimeSpan Timeout)
{
    public const string DefaultFrom = "RDV Service Public <ne-pas-repondre@rdv-service-public.fr>";

    /// <summary>The prefix of the alternate relay's settings (ALTERNATE_SMTP_HOST…).</summary>
    public const string Alternate = "ALTERNATE_";

    public static SmtpSettings FromConfiguration(IConfiguration configuration, string prefix = "") => new(
        Host: NonBlank(configuration[prefix + "SMTP_HOST"]) ?? "localhost",
        Port: int.TryParse(configuration[prefix + "SMTP_PORT"], out var port) ? port : 587,
        Username: NonBlank(configuration[prefix + "SMTP_USERNAME"]),
        Password: NonBlank(configuration[prefix + "SMTP_PASSWORD"]),
        From: NonBlank(configuration[prefix + "SMTP_FROM"]) ?? DefaultFrom,
        Timeout: TimeSpan.FromSeconds(int.TryParse(configuration[prefix + "SMTP_TIMEOUT_SECONDS"], out var seconds) && seconds > 0 ? seconds : 10));

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
