using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Availability.CreneauxSearch;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.CreneauxSearch;

/// <summary>
/// "Trouver un RDV" (REFERENCE-SURFACES §2.3.4): the query string of the contract (motif_id, from_date,
/// agent_ids[], lieu_ids[], user_ids[], context, plus service_id and lieu_id) → one use case, whose
/// policy checks every id. The search page lists lieux; the selection page shows the week grid.
/// </summary>
public abstract class CreneauxSearchPageModel(IMediator mediator) : PageModel
{
    [FromRoute(Name = "organisationId")] public long OrganisationId { get; set; }
    [FromQuery(Name = "service_id")] public long? ServiceId { get; set; }
    [FromQuery(Name = "motif_id")] public long? MotifId { get; set; }
    [FromQuery(Name = "from_date")] public DateOnly? FromDate { get; set; }
    [FromQuery(Name = "agent_ids[]")] public long[] AgentIds { get; set; } = [];
    [FromQuery(Name = "lieu_ids[]")] public long[] LieuIds { get; set; } = [];
    [FromQuery(Name = "user_ids[]")] public long[] UserIds { get; set; } = [];
    [FromQuery(Name = "context")] public string? Context { get; set; }
    [FromQuery(Name = "lieu_id")] public long? LieuId { get; set; }

    public CreneauxSearchResult? Result { get; private set; }

    protected abstract bool Selection { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await mediator.Send(
            new SearchCreneauxQuery(OrganisationId, ServiceId, MotifId, FromDate, AgentIds, LieuIds, UserIds, Selection, LieuId),
            cancellationToken);
        // One lieu only: straight to its week, as the reference does.
        if (!Selection && Result.Lieux is [var only])
            return Redirect(SelectionUrl(only.LieuId, Result.FromDate));
        return Page();
    }

    public string SearchUrl(DateOnly? from = null) =>
        Build(AdminUrls.CreneauxSearch(OrganisationId), from ?? Result?.FromDate, LieuIds.Select(id => ("lieu_ids[]", id)), lieuId: null);

    public string SelectionUrl(long? lieuId, DateOnly from) =>
        Build($"{AdminUrls.CreneauxSearch(OrganisationId)}/selection_creneaux", from, [], lieuId);

    /// <summary>The RDV wizard of the contract, prefilled with the slot (starts_at in the organisation's local time).</summary>
    public string WizardUrl(Creneau slot)
    {
        var query = new StringBuilder($"{AdminUrls.RdvWizard(OrganisationId)}?step={(UserIds.Length > 0 ? 3 : 2)}");
        Add(query, "motif_id", MotifId?.ToString(CultureInfo.InvariantCulture));
        Add(query, "starts_at", slot.LocalStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        Add(query, "agent_ids[]", slot.AgentId.ToString(CultureInfo.InvariantCulture));
        if (slot.LieuId is { } lieu) Add(query, "lieu_id", lieu.ToString(CultureInfo.InvariantCulture));
        foreach (var user in UserIds) Add(query, "user_ids[]", user.ToString(CultureInfo.InvariantCulture));
        Add(query, "context", Context);
        return query.ToString();
    }

    private string Build(string path, DateOnly? from, IEnumerable<(string Key, long Id)> extra, long? lieuId)
    {
        var query = new StringBuilder(path).Append('?');
        Add(query, "service_id", ServiceId?.ToString(CultureInfo.InvariantCulture));
        Add(query, "motif_id", MotifId?.ToString(CultureInfo.InvariantCulture));
        Add(query, "from_date", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(query, "lieu_id", lieuId?.ToString(CultureInfo.InvariantCulture));
        foreach (var agent in AgentIds) Add(query, "agent_ids[]", agent.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, id) in extra) Add(query, key, id.ToString(CultureInfo.InvariantCulture));
        foreach (var user in UserIds) Add(query, "user_ids[]", user.ToString(CultureInfo.InvariantCulture));
        Add(query, "context", Context);
        return query.ToString().TrimEnd('?', '&');
    }

    private static void Add(StringBuilder query, string key, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (query[^1] is not '?' and not '&') query.Append('&');
        // ':' is legal in a query: starts_at stays readable (yyyy-MM-ddTHH:mm), as the contract writes it.
        query.Append(key).Append('=').Append(Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal));
    }
}

public sealed class IndexModel(IMediator mediator) : CreneauxSearchPageModel(mediator)
{
    protected override bool Selection => false;
}

public sealed class SelectionCreneauxModel(IMediator mediator) : CreneauxSearchPageModel(mediator)
{
    protected override bool Selection => true;
}
