using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Organisations.ListDepartements;

namespace RdvSP.Web.Pages;

/// <summary>Home: the address search and the départements served by this instance.</summary>
public sealed class IndexModel(ISender sender, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<DepartementDto> Departements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Departements = await sender.Send(new ListDepartementsQuery(), ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            // The home page stays up when the database is not: the search form needs nothing else.
            logger.LogWarning(ex, "Home page rendered without the list of départements");
        }
    }
}
