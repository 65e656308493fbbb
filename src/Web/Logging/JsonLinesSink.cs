using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace RdvSP.Web.Logging;

/// <summary>Writes each event as one formatted line to a TextWriter (stdout in production).</summary>
internal sealed class JsonLinesSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        using var buffer = new StringWriter();
        formatter.Format(logEvent, buffer);
        lock (gate)
        {
            output.Write(buffer.ToString());
            output.Flush();
        }
    }
}
