namespace RdvSP.Domain.Common;

/// <summary>A business error: a stable machine code and a French message for the user.</summary>
public sealed record Error(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
