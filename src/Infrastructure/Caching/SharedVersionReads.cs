using Npgsql;
using RdvSP.Application.Common.Outages;
using RdvSP.Infrastructure.Health;

namespace RdvSP.Infrastructure.Caching;

/// <summary>
/// Reads of the inputs version shared by the requests that need it at the same moment: under load,
/// one round trip answers every request waiting for it instead of one each (ADR 0013).
/// A request must see a version read after it arrived, so that a write committed before it counts; it
/// therefore never joins a read already sent: it joins the next one, which is sent as soon as the read
/// on the wire returns. One read on the wire at a time, every caller answered by the first read sent
/// after its arrival.
/// </summary>
public sealed class SharedVersionReads(NpgsqlDataSource dataSource, DependencyMonitor? monitor = null)
{
    private readonly Lock gate = new();
    private TaskCompletionSource<long>? sent;
    private TaskCompletionSource<long>? next;

    /// <summary>Number of reads sent to PostgreSQL since start (for tests and diagnostics).</summary>
    public long ReadsSent => Interlocked.Read(ref readsSent);
    private long readsSent;

    public Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<long> batch;
        lock (gate)
        {
            if (sent is null)
            {
                sent = batch = NewBatch();
            }
            else
            {
                next ??= NewBatch();
                return next.Task.WaitAsync(cancellationToken);
            }
        }
        _ = SendAsync(batch);
        return batch.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource<long> NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task SendAsync(TaskCompletionSource<long> batch)
    {
        while (true)
        {
            Interlocked.Increment(ref readsSent);
            try
            {
                // Not the callers' token: the read answers every caller of the batch, cancelled or not.
                await using var connection = await dataSource.OpenConnectionAsync();
                monitor?.ReportUp(Dependencies.PostgreSql);
                await using var command = new NpgsqlCommand(InputsVersion.Sql, connection);
                batch.SetResult((long)(await command.ExecuteScalarAsync())!);
            }
            catch (Exception exception)
            {
                batch.SetException(exception);
                _ = batch.Task.Exception; // observed by the callers; never an unobserved-task event
            }
            lock (gate)
            {
                var following = next;
                next = null;
                sent = following;
                if (following is null) return;
                batch = following;
            }
        }
    }
}
