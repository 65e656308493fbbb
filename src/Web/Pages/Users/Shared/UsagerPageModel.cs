using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Shared;

/// <summary>Pages of a signed-in usager: anonymous visitors go to the sign-in page with a returnUrl.</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public abstract class UsagerPageModel : PageModel
{
    /// <summary>The signed-in usager; null for any other kind of principal (handlers then answer Forbid()).</summary>
    protected long? CurrentUsagerId => User.UsagerId();

    protected void Flash(string message) => TempData["Flash"] = message;
}
