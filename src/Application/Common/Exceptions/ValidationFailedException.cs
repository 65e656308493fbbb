namespace RdvSP.Application.Common.Exceptions;

/// <summary>
/// Input failed its validator. Carries the French messages per property so pages can show them
/// beside the fields and the API can return a ValidationProblemDetails.
/// </summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Les données envoyées ne sont pas valides.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
