namespace RdvSP.Domain.Common;

/// <summary>Outcome of an operation that returns nothing on success.</summary>
public readonly record struct Result : IResult
{
    private readonly Error? _error;

    private Result(Error? error) => _error = error;

    public static Result Success { get; }

    public bool IsSuccess => _error is null;

    public bool IsFailure => _error is not null;

    /// <summary>The error; throws on a success so that a forgotten check fails loudly.</summary>
    public Error Error => _error ?? throw new InvalidOperationException("A successful result has no error.");

    public static Result Failure(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result(error);
    }

    public static implicit operator Result(Error error) => Failure(error);

    public override string ToString() => IsSuccess ? "Success" : $"Failure({_error})";
}

/// <summary>Outcome of an operation that returns a value on success.</summary>
public readonly record struct Result<T> : IResult
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T? value, Error? error)
    {
        _value = value;
        _error = error;
    }

    public bool IsSuccess => _error is null;

    public bool IsFailure => _error is not null;

    public T Value => _error is null ? _value! : throw new InvalidOperationException($"No value: {_error}");

    public Error Error => _error ?? throw new InvalidOperationException("A successful result has no error.");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result<T>(default, error);
    }

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);

    /// <summary>Drops the value, keeping success or the error.</summary>
    public Result ToResult() => _error is null ? Result.Success : Result.Failure(_error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return _error is null ? map(_value!) : Result<TOut>.Failure(_error);
    }

    public override string ToString() => IsSuccess ? $"Success({_value})" : $"Failure({_error})";
}
