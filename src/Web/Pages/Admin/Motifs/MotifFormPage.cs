using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Organisations.Catalog;

namespace RdvSP.Web.Pages.Admin.Motifs;

/// <summary>
/// The creation and edit pages. The form's query (admins only, the motif of this organisation) runs
/// before anything else, even before refused form values send the form back: outsiders are refused first.
/// </summary>
public abstract class MotifFormPage(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }

    [BindProperty] public MotifFormInput Input { get; set; } = new();

    /// <summary>The tab to open first: general, online or notifications.</summary>
    [FromQuery(Name = "tab")] public string? Tab { get; set; }

    public MotifForm Form { get; private set; } = null!;

    protected IMediator Mediator => mediator;

    /// <summary>The motif whose values fill the form (the edited one, or the one being duplicated).</summary>
    protected abstract long? SourceMotifId { get; }

    public abstract bool Editing { get; }

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Form = await mediator.Send(new GetMotifFormQuery(OrganisationId, SourceMotifId), HttpContext.RequestAborted);
        await next();
    }
}

/// <summary>The posted motif form (every option of REFERENCE-DOMAIN §2.5 the form shows).</summary>
public sealed record MotifFormInput
{
    // Strings nullable so that MVC adds no implicit (English) "required" check: the validator says it in French.
    public string? Name { get; set; }
    public long? ServiceId { get; set; }
    public int DefaultDurationInMin { get; set; } = 30;
    public string? Color { get; set; } = "#1f77b4";
    public string? LocationType { get; set; } = LocationTypes.PublicOffice;
    public bool Collectif { get; set; }
    public string? BookableBy { get; set; } = RdvSP.Application.Organisations.Abstractions.BookableBy.Agents;
    public int MinPublicBookingDelay { get; set; } = 1800;
    public int MaxPublicBookingDelay { get; set; } = 7_889_238;
    public bool RdvsEditableByUser { get; set; } = true;
    public bool FollowUp { get; set; }
    public bool ForSecretariat { get; set; }
    public long? MotifCategoryId { get; set; }
    public string? SectorisationLevel { get; set; } = "departement";
    public string? VisibilityType { get; set; } = VisibilityTypes.VisibleAndNotified;
    public string? RestrictionForRdv { get; set; }
    public string? InstructionForRdv { get; set; }
    public string? CustomCancelWarningMessage { get; set; }
    public int? SlotStepMinutes { get; set; }
    public int? BufferAfterMinutes { get; set; }

    public static MotifFormInput From(MotifDto m) => new()
    {
        Name = m.Name, ServiceId = m.ServiceId, DefaultDurationInMin = m.DefaultDurationInMin, Color = m.Color, LocationType = m.LocationType,
        Collectif = m.Collectif, BookableBy = m.BookableBy, MinPublicBookingDelay = m.MinPublicBookingDelay, MaxPublicBookingDelay = m.MaxPublicBookingDelay,
        RdvsEditableByUser = m.RdvsEditableByUser, FollowUp = m.FollowUp, ForSecretariat = m.ForSecretariat, MotifCategoryId = m.MotifCategoryId,
        SectorisationLevel = m.SectorisationLevel, VisibilityType = m.VisibilityType, RestrictionForRdv = m.RestrictionForRdv,
        InstructionForRdv = m.InstructionForRdv, CustomCancelWarningMessage = m.CustomCancelWarningMessage,
        SlotStepMinutes = m.SlotStepMinutes, BufferAfterMinutes = m.BufferAfterMinutes,
    };

    public T Fill<T>(T command) where T : MotifInput => command with
    {
        Name = Name ?? "", ServiceId = ServiceId, DefaultDurationInMin = DefaultDurationInMin, Color = Color ?? "", LocationType = LocationType ?? "",
        Collectif = Collectif, BookableBy = BookableBy ?? "", MinPublicBookingDelay = MinPublicBookingDelay, MaxPublicBookingDelay = MaxPublicBookingDelay,
        RdvsEditableByUser = RdvsEditableByUser, FollowUp = FollowUp, ForSecretariat = ForSecretariat, MotifCategoryId = MotifCategoryId,
        SectorisationLevel = SectorisationLevel ?? "", VisibilityType = VisibilityType ?? "", RestrictionForRdv = RestrictionForRdv,
        InstructionForRdv = InstructionForRdv, CustomCancelWarningMessage = CustomCancelWarningMessage,
        SlotStepMinutes = SlotStepMinutes, BufferAfterMinutes = BufferAfterMinutes,
    };
}
