using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RdvSP.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
