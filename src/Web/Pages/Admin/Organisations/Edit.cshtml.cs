using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.Catalog;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Organisations;

/// <summary>« Votre organisation » (REFERENCE-SURFACES §2.3.15): admins edit its settings.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }

    [BindProperty] public SettingsInput Input { get; set; } = new();

    public OrganisationSettings Settings { get; private set; } = null!;

    // The settings' query (admins only) runs first, even when refused form values send the form back.
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Settings = await mediator.Send(new GetOrganisationSettingsQuery(OrganisationId), HttpContext.RequestAborted);
        await next();
    }

    public IActionResult OnGet()
    {
        Input = new SettingsInput
        {
            Name = Settings.Name, PhoneNumber = Settings.PhoneNumber, Email = Settings.Email, Website = Settings.Website,
            Horaires = Settings.Horaires, TimeZone = Settings.TimeZone, ReminderLeadHours = Settings.ReminderLeadHours,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new UpdateOrganisationSettingsCommand
        {
            OrganisationId = OrganisationId, Name = Input.Name ?? "", PhoneNumber = Input.PhoneNumber, Email = Input.Email, Website = Input.Website,
            Horaires = Input.Horaires, TimeZone = Input.TimeZone ?? "", ReminderLeadHours = Input.ReminderLeadHours,
        }, cancellationToken);
        TempData["notice"] = "Les informations de l'organisation ont été enregistrées.";
        return Redirect(AdminUrls.OrganisationSettings(OrganisationId));
    }

    public sealed class SettingsInput
    {
        // Nullable so that MVC adds no implicit (English) "required" check: the validator says it in French.
        public string? Name { get; set; }
        public string? PhoneNumber { get; set; }
        public string? Email { get; set; }
        public string? Website { get; set; }
        public string? Horaires { get; set; }
        public string? TimeZone { get; set; } = "Europe/Paris";
        public int ReminderLeadHours { get; set; } = 48;
    }
}
