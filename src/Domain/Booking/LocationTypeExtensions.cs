namespace RdvSP.Domain.Booking;

public static class LocationTypeExtensions
{
    public static string ToDbValue(this LocationType value) => value switch
    {
        LocationType.PublicOffice => "public_office",
        LocationType.Home => "home",
        LocationType.Phone => "phone",
        LocationType.Visio => "visio",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static bool TryParseLocationType(string? value, out LocationType result)
    {
        result = value switch
        {
            "public_office" => LocationType.PublicOffice,
            "home" => LocationType.Home,
            "phone" => LocationType.Phone,
            "visio" => LocationType.Visio,
            _ => (LocationType)(-1),
        };
        return (int)result >= 0;
    }

    public static LocationType ParseLocationType(string value) =>
        TryParseLocationType(value, out var result) ? result : throw new FormatException($"Unknown location_type value '{value}'.");

    /// <summary>Only "sur place" motifs need a lieu.</summary>
    public static bool RequiresLieu(this LocationType value) => value == LocationType.PublicOffice;
}
