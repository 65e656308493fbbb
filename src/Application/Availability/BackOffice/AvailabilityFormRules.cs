using FluentValidation;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Availability.BackOffice;

/// <summary>
/// The rules the plage and absence forms share: the recurrence field (blank or "{}" = none, else the
/// reference's JSON in any shape it knows), and the Domain's validations mapped to the form fields.
/// </summary>
internal static class AvailabilityFormRules
{
    public const int MaxTitleLength = 255;

    /// <summary>The recurrence of a form value: null for none, an error for a tampered or invalid value.</summary>
    public static Result<Recurrence?> ParseRecurrence(string? json, DateOnly firstDay)
    {
        if (Recurrence.IsNone(json)) return Result<Recurrence?>.Success(null);
        var parsed = Recurrence.Parse(json!, firstDay);
        return parsed.IsSuccess ? Result<Recurrence?>.Success(parsed.Value) : Result<Recurrence?>.Failure(parsed.Error);
    }

    /// <summary>The form field a Domain error belongs to (property names of the commands).</summary>
    public static string PropertyOf(Error error) => error.Code switch
    {
        "time.end_before_start" => "EndTime",
        "first_day.unrealistic" => "FirstDay",
        "end_day.unrealistic" or "absence.recurring_multi_day" => "EndDay",
        _ => "Recurrence",
    };

    /// <summary>Adds each Domain error to the validation context under its field.</summary>
    public static void Report<T>(ValidationContext<T> context, IEnumerable<Error> errors)
    {
        foreach (var error in errors) context.AddFailure(PropertyOf(error), error.Message);
    }

    public static DateOnly Today(TimeProvider clock, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), SlotSearch.SlotSearcher.ZoneOf(timeZone)).DateTime);

    public static ValidationFailedException Invalid(string property, string message) =>
        new(new Dictionary<string, string[]> { [property] = [message] });

    /// <summary>"Can see the agent" (§2.6): he has a role in the organisation and the viewer sees him.</summary>
    public static async ValueTask<bool> CanSeeAgentAsync(IAgentAccessReader reader, AgentAccess access, long agentId, CancellationToken cancellationToken)
    {
        var services = await reader.AgentServicesInOrganisationAsync(agentId, access.OrganisationId, cancellationToken);
        return services is not null && access.CanSeeAgent(agentId, services);
    }
}
