namespace RdvSP.Application.Common.Abstractions;

/// <summary>
/// One database transaction per command. The transaction behaviour drives it; repositories of the
/// same scope enlist in it without knowing it exists.
/// </summary>
public interface IUnitOfWork
{
    bool HasActiveTransaction { get; }
    Task BeginAsync(CancellationToken cancellationToken);
    Task CommitAsync(CancellationToken cancellationToken);
    Task RollbackAsync(CancellationToken cancellationToken);
}
