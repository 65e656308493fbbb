using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Application.Notifications.ParticipationLinks;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.ParticipationLinks;

/// <summary>
/// The short link of every RDV e-mail and SMS (<c>/r/{rdvId}/{token}</c>, REFERENCE-SURFACES §1.5): asks
/// the first 3 letters of the last name, then shows that RDV for 10 minutes (motif hidden, as the
/// reference), with the cancellation the usager could do from their account. Unknown link: 404.
/// </summary>
public sealed class ShowModel(ISender sender, IDataProtectionProvider dataProtection, TimeProvider clock) : PageModel
{
    /// <summary>Longer tokens are never issued (participations get 24 characters): refused without a query.</summary>
    internal const int MaxTokenLength = 64;

    /// <summary>Where to go once the letters are checked: "creneaux" (the move's slots) or the RDV.</summary>
    public const string MoveNext = "creneaux";

    [BindProperty(Name = "lettres")] public string? Letters { get; set; }
    [FromQuery(Name = "suite")] public string? Next { get; set; }

    public long RdvId { get; private set; }
    public string Token { get; private set; } = "";
    public UsagerRdvView? View { get; private set; }
    public bool InvalidLink { get; private set; }

    public string LinkPath => ParticipationLinkSession.PathOf(RdvId, Token);

    public async Task<IActionResult> OnGetAsync(long id, string token, CancellationToken ct)
    {
        (RdvId, Token) = (id, token);
        Response.Headers.CacheControl = "no-store";
        if (new ParticipationLinkSession(dataProtection, clock).Current(HttpContext, id, token) is { } access)
        {
            View = await sender.Send(new GetUsagerRdvQuery(access.UsagerId, id), ct);
            if (View is not null) return Page();
        }
        return token.Length <= MaxTokenLength && await sender.Send(new GetParticipationLinkQuery(id, token), ct) ? Page() : Invalid();
    }

    public async Task<IActionResult> OnPostAsync(long id, string token, CancellationToken ct)
    {
        (RdvId, Token) = (id, token);
        Response.Headers.CacheControl = "no-store";
        if (token.Length > MaxTokenLength) return Invalid();
        var verified = await sender.Send(new VerifyParticipationLinkCommand(id, token, Letters, this.ClientIp()), ct);
        if (verified.IsSuccess)
        {
            new ParticipationLinkSession(dataProtection, clock).Open(HttpContext, verified.Value, token);
            // Only the known next step: never a redirect chosen by the link's query.
            return Redirect(Next == MoveNext ? $"{LinkPath}/{MoveNext}" : LinkPath);
        }
        if (verified.Error == ParticipationLinkErrors.Invalid) return Invalid();
        ModelState.AddModelError("lettres", verified.Error.Message);
        Response.StatusCode = verified.Error.Code == ParticipationLinkErrors.TooManyAttemptsCode
            ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The letters check of the link, then the move's slots.</summary>
    public static string ThenMove(string linkPath) => $"{linkPath}?suite={MoveNext}";

    private PageResult Invalid()
    {
        InvalidLink = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
