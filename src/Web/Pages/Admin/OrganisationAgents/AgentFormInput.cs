namespace RdvSP.Web.Pages.Admin.OrganisationAgents;

/// <summary>The fields of "Ajouter un agent" and "Modifier" (bound as Input.*).</summary>
public sealed class AgentFormInput
{
    public string? AccessLevel { get; set; } = "basic";
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public List<long> ServiceIds { get; set; } = [];
}
