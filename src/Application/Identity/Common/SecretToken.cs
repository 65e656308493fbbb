using System.Security.Cryptography;
using System.Text;

namespace RdvSP.Application.Identity.Common;

/// <summary>
/// One-time secrets sent by e-mail: 32 random bytes, base64url in the link, only the SHA-256 hash
/// stored, so a leaked database does not give working links.
/// </summary>
public static class SecretToken
{
    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
