using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Identity.SignUp;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users;

/// <summary>Self sign-up; sign-ups are counted per IP by the use case (page loads never count).</summary>
public sealed class SignUpModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    /// <summary>Where the usager was going (the booking wizard): carried by the confirmation e-mail.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Always the same answer (the e-mail tells the rest), so the form does not reveal existing accounts.
        var result = await mediator.Send(new SignUpCommand(Input.FirstName ?? "", Input.LastName ?? "", Input.Email ?? "", this.ClientIp(), ReturnPath.LocalOrNull(ReturnUrl)), cancellationToken);
        return result.IsFailure ? this.Refused(result.Error) : RedirectToPage("/Users/PendingRegistration");
    }

    public sealed class SignUpInput
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        [DataType(DataType.EmailAddress)]
        public string? Email { get; set; }
    }
}
