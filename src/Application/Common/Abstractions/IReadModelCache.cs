namespace RdvSP.Application.Common.Abstractions;

/// <summary>
/// Read models kept in this instance's memory while nothing they depend on has been committed
/// anywhere (Infrastructure guards them with the inputs version, ADR 0008). For derived answers that
/// are costly to compute and identical for every visitor, such as the lieux' next availabilities.
/// </summary>
public interface IReadModelCache
{
    /// <param name="rows">Rough size of the value, for the cache's bound.</param>
    Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load, Func<T, int> rows, CancellationToken cancellationToken);
}
