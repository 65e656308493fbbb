namespace RdvSP.Web.Logging;

/// <summary>Where the JSON log lines go. Console.Out unless a test registers its own writer.</summary>
public sealed class LogOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
}
