namespace RdvSP.Domain.Booking;

public static class RdvStatusExtensions
{
    /// <summary>Cancelled = excused or revoked; unknown, seen and noshow still hold the agent's time.</summary>
    public static bool IsCancelled(this RdvStatus status) => status is RdvStatus.Excused or RdvStatus.Revoked;

    public static string ToDbValue(this RdvStatus status) => status switch
    {
        RdvStatus.Unknown => "unknown",
        RdvStatus.Seen => "seen",
        RdvStatus.Noshow => "noshow",
        RdvStatus.Excused => "excused",
        RdvStatus.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseRdvStatus(string? value, out RdvStatus status)
    {
        status = value switch
        {
            "unknown" => RdvStatus.Unknown,
            "seen" => RdvStatus.Seen,
            "noshow" => RdvStatus.Noshow,
            "excused" => RdvStatus.Excused,
            "revoked" => RdvStatus.Revoked,
            _ => (RdvStatus)(-1),
        };
        return (int)status >= 0;
    }

    /// <summary>French label shown to agents.</summary>
    public static string Label(this RdvStatus status) => status switch
    {
        RdvStatus.Unknown => "À renseigner",
        RdvStatus.Seen => "Présent",
        RdvStatus.Noshow => "Absent non excusé",
        RdvStatus.Excused => "Annulé (excusé)",
        RdvStatus.Revoked => "Annulé (par le service)",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
