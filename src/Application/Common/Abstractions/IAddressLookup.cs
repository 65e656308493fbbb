namespace RdvSP.Application.Common.Abstractions;

/// <summary>
/// The national address database (BAN): free text to a located address. Implementations may be
/// unreachable; they then return <see cref="AddressLookupResult.Unavailable"/> rather than throw, and
/// the search offers the list of départements instead.
/// </summary>
public interface IAddressLookup
{
    Task<AddressLookupResult> SearchAsync(string text, int limit, CancellationToken cancellationToken);
}

public sealed record AddressSuggestion(
    string Label,
    string Departement,
    string CityCode,
    string? StreetBanId,
    double Latitude,
    double Longitude);

public sealed record AddressLookupResult(bool Reachable, IReadOnlyList<AddressSuggestion> Suggestions)
{
    public static readonly AddressLookupResult Unavailable = new(false, []);
}
