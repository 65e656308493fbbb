namespace RdvSP.Domain.Common;

/// <summary>A business failure: a stable code for machines, a French message for people.</summary>
public sealed record Error(string Code, string Message)
{
    public static Error NotFound(string code, string message) => new(code, message);
}
