namespace RdvSP.Web.Pages.Public.Legal;

/// <summary>
/// The organisation behind the instance, shown on the legal pages; each value comes from configuration
/// (LEGAL_* variables, see .env.sample) so another operator shows its own details.
/// </summary>
public sealed record LegalInformation(string PublisherName, string PublisherAddress, string ContactEmail, string HostingProvider)
{
    public static LegalInformation From(IConfiguration configuration) => new(
        Value(configuration, "LEGAL_PUBLISHER_NAME", "Agence nationale de la cohésion des territoires (ANCT)"),
        Value(configuration, "LEGAL_PUBLISHER_ADDRESS", "20 avenue de Ségur, 75007 Paris"),
        Value(configuration, "LEGAL_CONTACT_EMAIL", "support@rdv-service-public.fr"),
        Value(configuration, "LEGAL_HOSTING_PROVIDER", "Scalingo SAS, 13 rue Jacques Peirotes, 67000 Strasbourg"));

    private static string Value(IConfiguration configuration, string key, string fallback) =>
        configuration[key] is { Length: > 0 } value ? value.Trim() : fallback;
}
