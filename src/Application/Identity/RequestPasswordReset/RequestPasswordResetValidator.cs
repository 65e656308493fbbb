using FluentValidation;
using RdvSP.Application.Identity.Common;

namespace RdvSP.Application.Identity.RequestPasswordReset;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetValidator() => RuleFor(c => c.Email).ValidEmail();
}
