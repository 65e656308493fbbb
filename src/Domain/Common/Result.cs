namespace RdvSP.Domain.Common;

/// <summary>Lets the pipeline (transactions, logging) see a failure without knowing the value type.</summary>
public interface IResult
{
    bool IsSuccess { get; }
    Error? Error { get; }
}

/// <summary>Outcome of an operation whose failure is expected (a business rule said no).</summary>
public class Result : IResult
{
    protected Result(Error? error) => Error = error;

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public bool IsFailure => Error is not null;

    public static Result Success() => new(null);
    public static Result Failure(Error error) => new(error);
    public static Result<T> Success<T>(T value) => Result<T>.Success(value);

    public static implicit operator Result(Error error) => Failure(error);
}

public sealed class Result<T> : Result
{
    private readonly T? value;

    private Result(T? value, Error? error) : base(error) => this.value = value;

    /// <summary>The value; reading it on a failure is a programming error.</summary>
    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"No value: {Error!.Code}");

    public static Result<T> Success(T value) => new(value, null);
    public static new Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);
}
