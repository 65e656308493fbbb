using Microsoft.Extensions.Configuration;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>SMTP relay (Brevo in production) from the environment: SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM.</summary>
public sealed record SmtpSettings(string Host, int Port, string? Username, string? Password, string From)
{
    public const string DefaultFrom = "RDV Service Public <ne-pas-repondre@rdv-service-public.fr>";

    public static SmtpSettings FromConfiguration(IConfiguration configuration) => new(
        Host: NonBlank(configuration["SMTP_HOST"]) ?? "localhost",
        Port: int.TryParse(configuration["SMTP_PORT"], out var port) ? port : 587,
        Username: NonBlank(configuration["SMTP_USERNAME"]),
        Password: NonBlank(configuration["SMTP_PASSWORD"]),
        From: NonBlank(configuration["SMTP_FROM"]) ?? DefaultFrom);

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
