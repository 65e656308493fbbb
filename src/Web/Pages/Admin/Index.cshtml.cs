using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RdvSP.Web.Pages.Admin;

/// <summary>/admin: the agent home.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/admin/organisations");
}
