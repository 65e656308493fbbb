using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace RdvSP.TestKit;

/// <summary>
/// A real SMTP server on a free loopback port (the app's MailKit client talks the real protocol to
/// it), keeping every received message so tests can read the links they carry. Point the app at it
/// with <c>factory.WithSmtp(smtp)</c>.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> messages = new();
    private readonly SemaphoreSlim received = new(0);
    private readonly CancellationTokenSource stop = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;

    private FakeSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => messages.ToArray();

    public static FakeSmtpServer Start() => new(FreePort());

    /// <summary>Forgets the messages received so far.</summary>
    public void Clear()
    {
        while (messages.TryDequeue(out _)) { }
        while (received.CurrentCount > 0) received.Wait(0);
    }

    /// <summary>
    /// The first message to <paramref name="to"/> received so far or within <paramref name="timeout"/>
    /// (the app sends before answering, so this normally returns at once).
    /// </summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string to, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = messages.FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase)));
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No e-mail to {to} received.");
            await received.WaitAsync(left);
        }
    }

    public IReadOnlyList<MimeMessage> MessagesTo(string to) =>
        messages.Where(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        server.Shutdown();
        try { await running.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (OperationCanceledException) { }
        catch (TimeoutException) { }
        stop.Dispose();
        received.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(FakeSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.messages.Enqueue(message);
            owner.received.Release();
            return SmtpResponse.Ok;
        }
    }
}
