namespace RdvSP.Application.Availability.PublicSearch;

/// <summary>
/// The state of the stateless search wizard (REFERENCE-SURFACES §1.2): every step is a GET carrying
/// what was chosen so far; a "back" link drops parameters.
/// </summary>
public sealed record PublicSearchContext
{
    public string? Address { get; init; }
    public string? Departement { get; init; }
    public string? CityCode { get; init; }
    public string? StreetBanId { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public long? ServiceId { get; init; }
    public string? MotifSlug { get; init; }
    public long? LieuId { get; init; }
    public long? OrganisationId { get; init; }
    public long? PublicLinkOrganisationId { get; init; }
    public DateOnly? Date { get; init; }

    /// <summary>Query-string values of this context (for links to the next or previous step).</summary>
    public IReadOnlyDictionary<string, string?> ToQuery() => new Dictionary<string, string?>
    {
        ["address"] = Address,
        ["departement"] = Departement,
        ["city_code"] = CityCode,
        ["street_ban_id"] = StreetBanId,
        ["latitude"] = Latitude?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["longitude"] = Longitude?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["service_id"] = ServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["motif_name_with_location_type"] = MotifSlug,
        ["lieu_id"] = LieuId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["user_selected_organisation_id"] = OrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["public_link_organisation_id"] = PublicLinkOrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["date"] = Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
