using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users;

/// <summary>Sign-out is a POST with an antiforgery token (a link or an image cannot sign someone out).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(UsagerAuthentication.Scheme);
        HttpContext.Session.Clear();
        return Redirect("/");
    }
}
