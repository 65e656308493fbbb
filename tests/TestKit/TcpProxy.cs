using System.Net;
using System.Net.Sockets;

namespace RdvSP.TestKit;

/// <summary>
/// A loopback TCP forwarder placed between the app and PostgreSQL or Redis, so a test can take a
/// dependency down (every connection cut, new ones refused) and bring it back, exactly as a real
/// outage or restart looks from the app, without disturbing the servers other tests use.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly List<TcpClient> connections = [];
    private readonly Lock gate = new();
    private TcpListener? listener;
    private CancellationTokenSource stopping = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        // Reserve a free port once, so the proxy keeps its address across Stop/Start.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public bool IsUp => listener is not null;

    /// <summary>Accepts connections again: the dependency is "back".</summary>
    public void Start()
    {
        if (listener is not null) return;
        stopping = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptLoopAsync(listener, stopping.Token);
    }

    /// <summary>Cuts every open connection and refuses new ones: the dependency is "down".</summary>
    public void Stop()
    {
        if (listener is null) return;
        stopping.Cancel();
        listener.Stop();
        listener = null;
        lock (gate)
        {
            foreach (var c in connections) c.Dispose();
            connections.Clear();
        }
    }

    private async Task AcceptLoopAsync(TcpListener server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await server.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested || !server.Server.IsBound)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = PipeAsync(client, ct);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken ct)
    {
        var upstream = new TcpClient();
        lock (gate)
        {
            connections.Add(client);
            connections.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(target, ct);
            await using var a = client.GetStream();
            await using var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        }
        catch (Exception)
        {
            // A cut connection is the point of this class.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
            lock (gate)
            {
                connections.Remove(client);
                connections.Remove(upstream);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        stopping.Dispose();
        return ValueTask.CompletedTask;
    }
}
