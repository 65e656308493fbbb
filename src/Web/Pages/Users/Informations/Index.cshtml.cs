using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Filters;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.GetMyInformation;
using RdvSP.Application.Usagers.UpdateMyInformation;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Informations;

/// <summary>"Vos informations": the usager's profile form and its relatives.</summary>
public sealed class IndexModel(IMediator mediator) : UsagerPageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public MyInformationDto Info { get; private set; } = null!;

    /// <summary>Set when the usager comes from the booking wizard: saving brings them back to it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>
    /// Loaded before any handler runs, and before a form with refused values is shown again (the
    /// page filters run inside this one), so the relatives are always beside the form.
    /// </summary>
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (CurrentUsagerId is not { } id || await mediator.Send(new GetMyInformationQuery(id), HttpContext.RequestAborted) is not { } info)
        {
            context.Result = Forbid();
            return;
        }
        Info = info;
        await next();
    }

    public void OnGet() => Input = ProfileInput.From(Info.Usager);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new UpdateMyInformationCommand(
            Info.Usager.Id, Input.FirstName ?? "", Input.LastName ?? "", Input.BirthName, Input.BirthDate,
            Input.PhoneNumber, Input.Address, Input.AddressDetails, Input.NotifyBySms, Input.NotifyByEmail), cancellationToken);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            return Page();
        }
        Flash("Vos informations ont été enregistrées.");
        return ReturnPath.LocalOrNull(ReturnUrl) is { } back ? Redirect(back) : RedirectToPage();
    }

    public sealed class ProfileInput
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? BirthName { get; set; }
        public DateOnly? BirthDate { get; set; }
        public string? PhoneNumber { get; set; }
        public string? Address { get; set; }
        public string? AddressDetails { get; set; }
        public bool NotifyBySms { get; set; }
        public bool NotifyByEmail { get; set; }

        public static ProfileInput From(UsagerDto u) => new()
        {
            FirstName = u.FirstName,
            LastName = u.LastName,
            BirthName = u.BirthName,
            BirthDate = u.BirthDate,
            PhoneNumber = u.PhoneNumber,
            Address = u.Address,
            AddressDetails = u.AddressDetails,
            NotifyBySms = u.NotifyBySms,
            NotifyByEmail = u.NotifyByEmail,
        };
    }
}
