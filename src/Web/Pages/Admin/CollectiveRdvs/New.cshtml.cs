using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.CollectiveRdvs;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.CollectiveRdvs;

/// <summary>"Nouveau RDV collectif", or a copy of one ("Dupliquer", <c>?duplicated_rdv_id=</c>): its fields and agents, a date to choose.</summary>
public sealed class NewModel(IMediator mediator) : LoadFirstPageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [FromQuery(Name = "duplicated_rdv_id")] public long? DuplicatedRdvId { get; set; }
    [BindProperty] public CollectiveRdvInput Input { get; set; } = new();

    public CollectiveRdvForm Form { get; private set; } = null!;

    public sealed class CollectiveRdvInput
    {
        public long MotifId { get; set; }

        /// <summary>Organisation local time, yyyy-MM-ddTHH:mm (the datetime-local field).</summary>
        public string? StartsAt { get; set; }
        public int DurationInMin { get; set; } = 60;
        public string? Name { get; set; }
        public int? MaxParticipantsCount { get; set; }
        public long? LieuId { get; set; }
        public List<long> AgentIds { get; set; } = [];
        public string? Context { get; set; }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Form = await mediator.Send(new GetCollectiveRdvFormQuery(OrganisationId, HttpMethods.IsGet(Request.Method) ? DuplicatedRdvId : null), cancellationToken);

    public IActionResult OnGet()
    {
        Input.AgentIds = [Form.CurrentAgentId];
        if (Form.Duplicated is { } rdv)
        {
            Input = new CollectiveRdvInput
            {
                MotifId = rdv.MotifId,
                DurationInMin = rdv.DurationInMin,
                Name = rdv.Name,
                MaxParticipantsCount = rdv.MaxParticipantsCount,
                LieuId = rdv.LieuId,
                AgentIds = rdv.Agents.Select(a => a.AgentId).ToList(),
                Context = rdv.Context,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!DateTime.TryParseExact(Input.StartsAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            return Refused("Input.StartsAt", "La date et l'heure du RDV doivent être au format AAAA-MM-JJTHH:MM.");
        var created = await mediator.Send(new CreateCollectiveRdvCommand(
            OrganisationId, Input.MotifId, start, Input.DurationInMin, Input.Name, Input.MaxParticipantsCount, Input.LieuId, Input.AgentIds, Input.Context),
            cancellationToken);
        if (created.IsFailure) return Refused(string.Empty, created.Error.Message);
        TempData["notice"] = "Le RDV collectif a été créé.";
        return Redirect(AdminUrls.CollectiveRdvs(OrganisationId) + "?from_date=" + DateOnly.FromDateTime(start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private PageResult Refused(string key, string message)
    {
        ModelState.AddModelError(key, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
