using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Exceptions;

namespace RdvSP.Application.Common.Behaviors;

/// <summary>Runs every FluentValidation validator of the message before its handler.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] validators = validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (validators.Length > 0)
        {
            var context = new ValidationContext<TMessage>(message);
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in validators)
                failures.AddRange((await validator.ValidateAsync(context, cancellationToken)).Errors);
            if (failures.Count > 0)
            {
                throw new ValidationFailedException(failures
                    .GroupBy(f => f.PropertyName)
                    .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
            }
        }
        return await next(message, cancellationToken);
    }
}
