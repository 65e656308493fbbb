using FluentValidation;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.Identity.AgentPasswordReset;

public sealed class RequestAgentPasswordResetValidator : AbstractValidator<RequestAgentPasswordResetCommand>
{
    public RequestAgentPasswordResetValidator() => RuleFor(c => c.Email).ValidEmail();
}
