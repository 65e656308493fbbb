using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Organisations.Catalog;

namespace RdvSP.Web.Pages.Admin.Lieux;

/// <summary>The creation and edit pages: the form's query (admins, a lieu of this organisation) runs first.</summary>
public abstract class LieuFormPage(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }

    [BindProperty] public LieuFormInput Input { get; set; } = new();

    public LieuForm Form { get; private set; } = null!;

    protected IMediator Mediator => mediator;

    protected abstract long? EditedLieuId { get; }

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Form = await mediator.Send(new GetLieuFormQuery(OrganisationId, EditedLieuId), HttpContext.RequestAborted);
        await next();
    }
}

/// <summary>
/// The posted lieu form. The coordinates come from the picked BAN suggestion as invariant-culture text
/// (hidden fields), so the server's culture never changes how they read.
/// </summary>
public sealed class LieuFormInput
{
    // Nullable so that MVC adds no implicit (English) "required" check: the use case's validator says it in French.
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? PhoneNumber { get; set; }
    public bool Enabled { get; set; } = true;

    public static LieuFormInput From(LieuDto lieu) => new()
    {
        Name = lieu.Name,
        Address = lieu.Address,
        Latitude = lieu.Latitude.ToString(CultureInfo.InvariantCulture),
        Longitude = lieu.Longitude.ToString(CultureInfo.InvariantCulture),
        PhoneNumber = lieu.PhoneNumber,
        Enabled = lieu.Availability != LieuAvailabilities.Disabled,
    };

    public T Fill<T>(T command) where T : LieuInput => command with
    {
        Name = Name ?? "",
        Address = Address ?? "",
        Latitude = Coordinate(Latitude),
        Longitude = Coordinate(Longitude),
        PhoneNumber = PhoneNumber,
    };

    private static double? Coordinate(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
