using Mediator;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Common.Behaviors;

/// <summary>
/// Wraps each command in one PostgreSQL transaction: committed when the handler succeeds, rolled back
/// when it throws or returns a failed Result (PostgreSQL aborts a transaction after a failed
/// statement, so a refused command must never commit half its work). Queries pass through.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || unitOfWork.HasActiveTransaction)
            return await next(message, cancellationToken);

        await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            if (response is IResult { IsSuccess: false })
                await unitOfWork.RollbackAsync(CancellationToken.None);
            else
                await unitOfWork.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
