using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Primitives;
using RdvSP.Application.Booking;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Web.Http.BoundValues;
using Wizard = RdvSP.Web.Pages.Users.RdvWizard.IndexModel;

namespace RdvSP.Web.Http;

/// <summary>
/// A usager's confirmation of a slot (POST of the wizard's last step) takes the slot's turn on this
/// instance before anything else is done for it (BookingBurstGuard.AwaitTurnAsync). When a thousand
/// usagers confirm the same few slots, one request per slot goes through the whole pipeline (session,
/// antiforgery, booking, page) at a time, and once a slot is known taken the others are answered 409
/// with the same French page at once, without reading their session: their cookie could be anyone's,
/// but "this slot is taken" is what the public search says to anyone, and nothing is written. A
/// request without the usager cookie, for a collective rdv or with values the page would refuse goes
/// the normal way (sign-in challenge, edge rules), and so does every confirmation of a free slot.
/// </summary>
public sealed class BookingBurstMiddleware(RequestDelegate next, BookingBurstGuard guard, SlotTakenPage page, ILogger<BookingBurstMiddleware> logger)
{
    private const string WizardPath = "/users/rdv_wizard_step";
    private int renderingFailureLogged;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!TryReadSlot(context.Request, out var slot))
        {
            await next(context);
            return;
        }
        using var turn = await guard.AwaitTurnAsync(slot, context.RequestAborted);
        if (!turn.KnownTaken)
        {
            await next(context);
            return;
        }
        byte[] body;
        try
        {
            body = await page.BodyAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A defect, not a burst: the normal pipeline still answers (the use case says "taken").
            if (Interlocked.Exchange(ref renderingFailureLogged, 1) == 0)
                logger.LogError(ex, "The slot-taken page could not be rendered; confirmations of taken slots go the normal way");
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// The slot a signed-in usager's confirmation names, read as the page's model binding reads it and
    /// passed through the same edge rules (BoundValueRules); false for anything else, which then goes
    /// the normal way. Stricter than the binder (no sign, no spaces): fewer early answers, never a wrong one.
    /// </summary>
    public static bool TryReadSlot(HttpRequest request, out BookingBurstGuard.SlotKey slot)
    {
        slot = default;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.Equals(WizardPath, StringComparison.OrdinalIgnoreCase)) return false;
        if (!request.Cookies.ContainsKey(UsagerAuthentication.CookieName)) return false;
        var query = request.Query;
        if (query.ContainsKey("rdv_collectif_id")) return false;
        if (!TryReadLong(query, "motif_id", out var motifId) || !Accepted(motifId, nameof(Wizard.MotifId))) return false;
        long? lieuId = null;
        if (query.ContainsKey("lieu_id"))
        {
            if (!TryReadLong(query, "lieu_id", out var lieu) || !Accepted(lieu, nameof(Wizard.LieuId))) return false;
            lieuId = lieu;
        }
        if (!TryReadSingle(query, "starts_at", out var startsAt)
            || !DateTimeOffset.TryParse(startsAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !Accepted(start, nameof(Wizard.StartsAt))) return false;
        var participants = new List<long>();
        foreach (var value in query["participant_ids"])
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var participant)) return false;
            participants.Add(participant);
        }
        if (!Accepted(participants, nameof(Wizard.ParticipantIds))) return false;
        slot = new BookingBurstGuard.SlotKey(motifId, lieuId, start);
        return true;
    }

    private static bool Accepted<T>(T value, string propertyName) where T : notnull =>
        BoundValueRules.For(typeof(T), propertyName) is not { } rule || rule(value) is null;

    private static bool TryReadLong(IQueryCollection query, string key, out long value)
    {
        value = 0;
        return TryReadSingle(query, key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryReadSingle(IQueryCollection query, string key, out string text)
    {
        text = "";
        if (!query.TryGetValue(key, out StringValues values) || values.Count != 1 || string.IsNullOrEmpty(values[0])) return false;
        text = values[0]!;
        return true;
    }
}

/// <summary>
/// The wizard's "créneau plus disponible" page as a signed-in usager sees it, rendered once per instance
/// through the same layout and partial as the wizard (sign-out as a link: the page carries no token).
/// </summary>
public sealed class SlotTakenPage(IServiceScopeFactory scopes)
{
    private Task<byte[]>? rendered;

    public Task<byte[]> BodyAsync()
    {
        var current = rendered;
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            // Two first callers may both render: same bytes, no lock needed.
            current = RenderAsync();
            rendered = current;
        }
        return current;
    }

    private async Task<byte[]> RenderAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext
        {
            RequestServices = services,
            User = new ClaimsPrincipal(new ClaimsIdentity(UsagerAuthentication.Scheme)),
        };
        var view = services.GetRequiredService<IRazorViewEngine>().GetView(null, "/Pages/Users/RdvWizard/_SlotTakenPage.cshtml", isMainPage: true);
        if (!view.Success) throw new InvalidOperationException("The slot-taken view is missing: " + string.Join(", ", view.SearchedLocations));
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var viewData = new ViewDataDictionary<string>(new EmptyModelMetadataProvider(), new ModelStateDictionary())
        {
            Model = BookingErrors.SlotUnavailable.Message,
        };
        var viewContext = new ViewContext(
            new ActionContext(http, new Microsoft.AspNetCore.Routing.RouteData(), new ActionDescriptor()),
            view.View,
            viewData,
            new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>()),
            writer,
            new HtmlHelperOptions());
        await view.View.RenderAsync(viewContext);
        return Encoding.UTF8.GetBytes(writer.ToString());
    }
}
