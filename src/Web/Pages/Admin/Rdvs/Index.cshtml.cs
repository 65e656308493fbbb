using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Common.Exceptions;

namespace RdvSP.Web.Pages.Admin.Rdvs;

/// <summary>"Liste des RDV" (REFERENCE-SURFACES §2.3.2): the GET filters of the contract, 10 per page, counts per status.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [FromQuery(Name = "agent_id")] public long? AgentId { get; set; }
    [FromQuery(Name = "user_id")] public long? UserId { get; set; }
    [FromQuery(Name = "lieu_ids[]")] public List<long> LieuIds { get; set; } = [];
    [FromQuery(Name = "motif_ids[]")] public List<long> MotifIds { get; set; } = [];
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "start")] public string? Start { get; set; }
    [FromQuery(Name = "end")] public string? End { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public long OrganisationId { get; private set; }
    public AgentRdvListPage? Result { get; private set; }
    public RdvWizardData? Catalog { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(long organisationId, CancellationToken ct)
    {
        OrganisationId = organisationId;
        // The filters' own catalog first: an outsider is refused before anything else.
        Catalog = await sender.Send(new GetRdvWizardQuery(organisationId, null, [], [], null), ct);
        var start = ParseDay(Start, "de début");
        var end = ParseDay(End, "de fin");
        if (Errors.Count > 0) return Refused();
        try
        {
            Result = await sender.Send(new ListAgentRdvsQuery(organisationId, AgentId, UserId, LieuIds, MotifIds,
                string.IsNullOrEmpty(Status) ? null : Status, start, end, PageNumber), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors.AddRange(e.Errors.SelectMany(x => x.Value));
            return Refused();
        }
        return Page();
    }

    public string PageUrl(int page)
    {
        var query = Request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return $"{Request.Path}?{string.Join('&', query.Append($"page={page.ToString(CultureInfo.InvariantCulture)}"))}";
    }

    private DateOnly? ParseDay(string? text, string which)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 2000 and <= 2100) return day;
        Errors.Add($"La date {which} doit être au format AAAA-MM-JJ.");
        return null;
    }

    private IActionResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
