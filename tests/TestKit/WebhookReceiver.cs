using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RdvSP.TestKit;

/// <summary>
/// A local Kestrel server receiving webhooks on any path, recording each request's path, headers and raw
/// body bytes. <see cref="Mode"/> decides the answer: 200, a 500, or a hang (never answers; the sender's
/// timeout ends the attempt).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public enum Behaviour { Ok, ServerError, Hang }

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> requests = new();
    private readonly CancellationTokenSource stopping = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Behaviour Mode { get; set; } = Behaviour.Ok;

    /// <summary>Base URL, without a trailing slash.</summary>
    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Requests => requests.ToArray();

    public void Clear()
    {
        while (requests.TryDequeue(out _)) { }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var app = LocalStubHost.Create();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.AnswerAsync);
        receiver.Url = await LocalStubHost.StartAsync(app);
        return receiver;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        requests.Enqueue(new ReceivedWebhook(
            context.Request.Method, context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
        switch (Mode)
        {
            case Behaviour.Hang:
                try { await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token).Token); }
                catch (OperationCanceledException) { }
                return;
            case Behaviour.ServerError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("{\"error\":\"boom\"}");
                return;
            default:
                context.Response.StatusCode = 200;
                return;
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

public sealed record ReceivedWebhook(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}
