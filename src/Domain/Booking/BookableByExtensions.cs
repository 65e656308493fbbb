namespace RdvSP.Domain.Booking;

/// <summary>Mapping to the database/API values ("agents", "agents_and_prescripteurs", …).</summary>
public static class BookableByExtensions
{
    public static string ToDbValue(this BookableBy value) => value switch
    {
        BookableBy.Agents => "agents",
        BookableBy.AgentsAndPrescripteurs => "agents_and_prescripteurs",
        BookableBy.AgentsAndPrescripteursAndInvitedUsers => "agents_and_prescripteurs_and_invited_users",
        BookableBy.Everyone => "everyone",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static bool TryParseBookableBy(string? value, out BookableBy result)
    {
        result = value switch
        {
            "agents" => BookableBy.Agents,
            "agents_and_prescripteurs" => BookableBy.AgentsAndPrescripteurs,
            "agents_and_prescripteurs_and_invited_users" => BookableBy.AgentsAndPrescripteursAndInvitedUsers,
            "everyone" => BookableBy.Everyone,
            _ => (BookableBy)(-1),
        };
        return (int)result >= 0;
    }

    public static BookableBy ParseBookableBy(string value) =>
        TryParseBookableBy(value, out var result) ? result : throw new FormatException($"Unknown bookable_by value '{value}'.");

    /// <summary>"Bookable outside the organisation": anything but agents.</summary>
    public static bool IsBookableOutsideOrganisation(this BookableBy value) => value != BookableBy.Agents;

    /// <summary>The API's <c>bookable_publicly</c>: everyone or invited users.</summary>
    public static bool IsBookablePublicly(this BookableBy value) =>
        value is BookableBy.Everyone or BookableBy.AgentsAndPrescripteursAndInvitedUsers;
}
