namespace RdvSP.Domain.Availability;

/// <summary>One occurrence of a plage or an absence, as UTC instants.</summary>
public readonly record struct Occurrence(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Strict intersection: touching intervals do not overlap (REFERENCE-DOMAIN §2.19, §10 #20).</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;
}
