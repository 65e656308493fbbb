namespace RdvSP.Application.Organisations.Abstractions;

/// <summary>Stored values of motifs.location_type (REFERENCE-DOMAIN §2.1).</summary>
public static class LocationTypes
{
    public const string PublicOffice = "public_office";
    public const string Home = "home";
    public const string Phone = "phone";
    public const string Visio = "visio";
}

/// <summary>Stored values of motifs.bookable_by.</summary>
public static class BookableBy
{
    public const string Agents = "agents";
    public const string AgentsAndPrescripteurs = "agents_and_prescripteurs";
    public const string AgentsAndPrescripteursAndInvitedUsers = "agents_and_prescripteurs_and_invited_users";
    public const string Everyone = "everyone";
}

/// <summary>Stored values of lieux.availability.</summary>
public static class LieuAvailabilities
{
    public const string Enabled = "enabled";
    public const string SingleUse = "single_use";
    public const string Disabled = "disabled";
}

/// <summary>Stored values of agent_roles.access_level.</summary>
public static class AccessLevels
{
    public const string Admin = "admin";
    public const string Basic = "basic";
    public const string Intervenant = "intervenant";
}

/// <summary>Stored values of motifs.visibility_type.</summary>
public static class VisibilityTypes
{
    public const string VisibleAndNotified = "visible_and_notified";
    public const string VisibleAndNotNotified = "visible_and_not_notified";
    public const string Invisible = "invisible";
}

/// <summary>Who is searching: decides which bookable_by values a public search shows (REFERENCE-DOMAIN §5.1).</summary>
public enum PublicAudience
{
    /// <summary>Anyone on the public search: bookable_by = everyone.</summary>
    Everyone,

    /// <summary>A usager signed in through an invitation link: everyone or invited users.</summary>
    InvitedUser,

    /// <summary>An external prescripteur: anything but agents.</summary>
    Prescripteur,
}
