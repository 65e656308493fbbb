using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.AgentAgenda;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Web.Http;
using RdvSP.Web.Http.BoundValues;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.AgentAgendas;

/// <summary>
/// An agent's agenda (REFERENCE-SURFACES §2.3.1): the page (FullCalendar, driven by js/admin/agenda.js),
/// its two JSON feeds (<c>?handler=Rdvs</c>, <c>?handler=Background</c>) and the viewer's display toggles.
/// Every handler sends its use case first: the policies decide who sees which agenda.
/// </summary>
public sealed class ShowModel(IMediator mediator) : PageModel
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public AgentAgendaPage Agenda { get; private set; } = null!;

    /// <summary>The day to open, or empty for today.</summary>
    public string InitialDate { get; private set; } = "";

    public string CspNonce { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long organisationId, long agentId, string? date, CancellationToken cancellationToken)
    {
        Agenda = await mediator.Send(new GetAgentAgendaQuery(organisationId, agentId), cancellationToken);
        if (!string.IsNullOrEmpty(date))
        {
            if (!TryParseDay(date, out var day)) return Refused("La date à afficher doit être au format AAAA-MM-JJ.");
            InitialDate = day.ToString(DateFormat, CultureInfo.InvariantCulture);
        }
        CspNonce = StyleNonce.For(HttpContext);
        return Page();
    }

    public async Task<IActionResult> OnGetRdvsAsync(long organisationId, long agentId, string? start, string? end, CancellationToken cancellationToken)
    {
        IReadOnlyList<AgendaRdvEvent> rdvs;
        try
        {
            rdvs = await mediator.Send(new GetAgendaRdvsQuery(organisationId, agentId, start, end), cancellationToken);
        }
        catch (ValidationFailedException validation)
        {
            return FeedRefused(validation);
        }
        return new JsonResult(rdvs.Select(rdv => new
        {
            id = rdv.Id,
            title = rdv.Title,
            start = Local(rdv.Start),
            end = Local(rdv.End),
            url = rdv.InCurrentOrganisation ? AdminUrls.Rdv(organisationId, rdv.Id) : null,
            backgroundColor = rdv.BackgroundColor,
            borderColor = rdv.BackgroundColor,
            textColor = rdv.TextColor,
            classNames = ClassNames(rdv),
            extendedProps = new
            {
                organisationName = rdv.OrganisationName,
                status = rdv.Status,
                readableStatus = rdv.StatusLabel,
                motif = rdv.Motif,
                lieu = rdv.Lieu,
                past = rdv.Past,
                duration = rdv.DurationInMin,
            },
        }));
    }

    public async Task<IActionResult> OnGetBackgroundAsync(long organisationId, long agentId, string? start, string? end, CancellationToken cancellationToken)
    {
        IReadOnlyList<AgendaBackgroundEvent> events;
        try
        {
            events = await mediator.Send(new GetAgendaBackgroundQuery(organisationId, agentId, start, end), cancellationToken);
        }
        catch (ValidationFailedException validation)
        {
            return FeedRefused(validation);
        }
        return new JsonResult(events.Select(e => new
        {
            title = e.Title,
            start = e.AllDay ? e.Start.ToString(DateFormat, CultureInfo.InvariantCulture) : Local(e.Start),
            end = e.AllDay ? e.End.ToString(DateFormat, CultureInfo.InvariantCulture) : Local(e.End),
            allDay = e.AllDay,
            display = e.Kind == AgendaBackgroundKind.Absence ? "block" : "background",
            backgroundColor = e.Color,
            borderColor = e.Color,
            textColor = e.Kind == AgendaBackgroundKind.Absence ? "#ffffff" : null,
            classNames = new[] { e.Kind switch
            {
                AgendaBackgroundKind.Plage => e.InCurrentOrganisation ? "agenda-plage" : "agenda-plage agenda-other-organisation",
                AgendaBackgroundKind.Absence => "agenda-absence",
                _ => "agenda-holiday",
            } },
            extendedProps = new { kind = e.Kind.ToString().ToLowerInvariant(), organisationName = e.OrganisationName, lieu = e.Lieu },
        }));
    }

    /// <summary>"Afficher les samedis" / "Afficher les RDV annulés": stored on the signed-in agent, back to the same day.</summary>
    public async Task<IActionResult> OnPostDisplayAsync(long organisationId, long agentId, string? display, bool shown, string? date, CancellationToken cancellationToken)
    {
        await mediator.Send(new GetAgentAgendaQuery(organisationId, agentId), cancellationToken);
        AgendaDisplay? setting = display switch
        {
            "saturdays" => AgendaDisplay.Saturdays,
            "cancelled_rdvs" => AgendaDisplay.CancelledRdvs,
            _ => null,
        };
        if (setting is null) return Refused("Cet affichage n'existe pas.");
        await mediator.Send(new ToggleAgendaDisplayCommand(setting.Value, shown), cancellationToken);
        var back = AdminUrls.Agenda(organisationId, agentId);
        return Redirect(TryParseDay(date, out var day) ? $"{back}?date={day.ToString(DateFormat, CultureInfo.InvariantCulture)}" : back);
    }

    private static string[] ClassNames(AgendaRdvEvent rdv)
    {
        var names = new List<string> { "agenda-rdv", $"agenda-rdv-{rdv.Status}" };
        if (!rdv.InCurrentOrganisation) names.Add("agenda-other-organisation");
        if (rdv.Past) names.Add("agenda-rdv-past");
        return [.. names];
    }

    private static string Local(DateTime value) => value.ToString(LocalFormat, CultureInfo.InvariantCulture);

    private static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        && day >= BoundValueRules.EarliestDate && day <= BoundValueRules.LatestDate;

    private StatusCodeResult Refused(string message)
    {
        HttpContext.Features.Set(new RefusedValues([message]));
        return StatusCode(StatusCodes.Status400BadRequest);
    }

    /// <summary>A feed asked with bad bounds: 400 with the French messages, as JSON.</summary>
    private static JsonResult FeedRefused(ValidationFailedException validation) =>
        new(new { error = string.Join(" ", validation.Errors.Values.SelectMany(m => m)) }) { StatusCode = StatusCodes.Status400BadRequest };
}
