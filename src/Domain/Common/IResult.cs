namespace RdvSP.Domain.Common;

/// <summary>
/// Lets generic code (the Mediator pipeline: logging, transactions) see that an outcome is a failure
/// without knowing its value type.
/// </summary>
public interface IResult
{
    bool IsSuccess { get; }

    /// <summary>The error of a failure; throws on a success.</summary>
    Error Error { get; }
}
