namespace RdvSP.Domain.Availability;

/// <summary>
/// The motif's booking delays for usagers, prescripteurs and APIs (never agents): bookable starts lie in
/// [now + MinDelay, now + MaxDelay], the upper bound applied per local day as in the reference (§4.4).
/// </summary>
public sealed record BookingWindow(TimeSpan MinDelay, TimeSpan MaxDelay)
{
    /// <summary>The reference's defaults: 30 minutes and 7 889 238 s (three average months).</summary>
    public static readonly BookingWindow Default = FromSeconds(1800, 7_889_238);

    public static BookingWindow FromSeconds(int minDelaySeconds, int maxDelaySeconds) =>
        new(TimeSpan.FromSeconds(minDelaySeconds), TimeSpan.FromSeconds(maxDelaySeconds));

    public DateTimeOffset EarliestStart(DateTimeOffset now) => now + MinDelay;

    public DateTimeOffset LatestStart(DateTimeOffset now) => now + MaxDelay;
}
