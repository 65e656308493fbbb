using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RdvSP.Application.Identity.SignUp;
using RdvSP.Web.Configuration;

namespace RdvSP.Web.Pages.Users;

[EnableRateLimiting(WebSetup.LoginPolicy)]
public sealed class SignUpModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Always the same answer (the e-mail tells the rest), so the form does not reveal existing accounts.
        await mediator.Send(new SignUpCommand(Input.FirstName ?? "", Input.LastName ?? "", Input.Email ?? ""), cancellationToken);
        return RedirectToPage("/Users/PendingRegistration");
    }

    public sealed class SignUpInput
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        [DataType(DataType.EmailAddress)]
        public string? Email { get; set; }
    }
}
