using Microsoft.AspNetCore.Identity;
using RdvSP.Application.Identity.Abstractions;

namespace RdvSP.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's hasher (format v3: PBKDF2-HMAC-SHA512, 100 000 iterations, 128-bit salt,
/// base64 with a version marker). Older or weaker parameters verify as <see cref="PasswordCheck.SuccessRehashNeeded"/>.
/// </summary>
public sealed class AspNetPasswordHasher : Application.Identity.Abstractions.IPasswordHasher
{
    private static readonly PasswordHasher<Account> Inner = new();

    public string Hash(string password) => Inner.HashPassword(Account.Instance, password);

    public PasswordCheck Verify(string hash, string password)
    {
        if (string.IsNullOrEmpty(hash)) return PasswordCheck.Failed;
        try
        {
            return Inner.VerifyHashedPassword(Account.Instance, hash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }
    }

    /// <summary>The hasher's user parameter is unused by the default implementation.</summary>
    private sealed class Account
    {
        public static readonly Account Instance = new();
    }
}
