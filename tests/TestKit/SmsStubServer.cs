using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RdvSP.TestKit;

/// <summary>
/// A local Kestrel server speaking the providers' HTTP APIs (Brevo SMS <c>/v3/transactionalSMS/sms</c> and
/// e-mail <c>/v3/smtp/email</c>, Netsize <c>/restapi/v1/sms/send</c>, Clever <c>/api/v1/sms</c>), recording
/// every request. <see cref="Mode"/> decides the answer: success, a 5xx, a 400 / permanent Netsize code,
/// a 429, a 401 (Brevo's answer to an unknown key), or a hang (never answers).
/// Point the app at it with BREVO_API_URL / NETSIZE_API_URL / CLEVER_API_URL = <see cref="Url"/>.
/// </summary>
public sealed class SmsStubServer : IAsyncDisposable
{
    public enum Behaviour { Ok, ServerError, Refused, Hang, TooManyRequests, Unauthorized }

    private readonly WebApplication app;
    private readonly ConcurrentQueue<StubRequest> requests = new();
    private readonly CancellationTokenSource stopping = new();

    private SmsStubServer(WebApplication app) => this.app = app;

    public Behaviour Mode { get; set; } = Behaviour.Ok;

    public string Url { get; private set; } = "";

    public IReadOnlyList<StubRequest> Requests => requests.ToArray();

    public void Clear()
    {
        while (requests.TryDequeue(out _)) { }
    }

    public static async Task<SmsStubServer> StartAsync()
    {
        var app = LocalStubHost.Create();
        var stub = new SmsStubServer(app);
        app.MapPost("/v3/transactionalSMS/sms", (Func<HttpContext, Task<IResult>>)(context => stub.AnswerAsync(context, "brevo")));
        app.MapPost("/v3/smtp/email", (Func<HttpContext, Task<IResult>>)(context => stub.AnswerAsync(context, "brevo-email")));
        app.MapPost("/restapi/v1/sms/send", (Func<HttpContext, Task<IResult>>)(context => stub.AnswerAsync(context, "netsize")));
        app.MapPost("/api/v1/sms", (Func<HttpContext, Task<IResult>>)(context => stub.AnswerAsync(context, "clever")));
        stub.Url = await LocalStubHost.StartAsync(app);
        return stub;
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string provider)
    {
        string body;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            body = string.Join("&", form.Select(f => $"{f.Key}={f.Value}"));
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync();
        }
        requests.Enqueue(new StubRequest(provider, context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), body));
        switch (Mode)
        {
            case Behaviour.Hang:
                try { await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token).Token); }
                catch (OperationCanceledException) { }
                return Results.StatusCode(504);
            case Behaviour.ServerError:
                return Results.Json(new { code = "internal_error", message = "Service indisponible" }, statusCode: 503);
            case Behaviour.Refused:
                return provider switch
                {
                    "netsize" => Results.Json(new { responseCode = 15, responseMessage = "Invalid destination address" }),
                    "brevo-email" => Results.Json(new { code = "invalid_parameter", message = "email is not valid in to" }, statusCode: 400),
                    _ => Results.Json(new { code = "invalid_parameter", message = "Invalid phone number" }, statusCode: 400),
                };
            case Behaviour.TooManyRequests:
                return Results.Json(new { code = "too_many_requests", message = "Too many requests" }, statusCode: 429);
            case Behaviour.Unauthorized:
                return Results.Json(new { code = "unauthorized", message = "Key not found" }, statusCode: 401);
            default:
                return provider switch
                {
                    "brevo-email" => Results.Json(new { messageId = "<202611300700.12345678901@smtp-relay.mailin.fr>" }, statusCode: 201),
                    "brevo" => Results.Json(new { reference = "ref-1", messageId = 42, smsCount = 2, usedCredits = 2.0, remainingCredits = 100.0 }, statusCode: 201),
                    "netsize" => Results.Json(new { responseCode = 0, responseMessage = "Success", messageIds = new[] { "m-1" } }),
                    _ => Results.Json(new { nb_sms = 1 }, statusCode: 201),
                };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}

public sealed record StubRequest(string Provider, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
