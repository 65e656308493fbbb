using System.Security.Cryptography;
using System.Text;

namespace RdvSP.Domain.Common.Webhooks;

/// <summary>
/// The reference's webhook signature: lowercase hex HMAC-SHA256 of the exact body bytes with the
/// endpoint secret, sent in <see cref="HeaderName"/> (REFERENCE-DOMAIN §7).
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Lapin-Signature";

    public static string Sign(string body, string secret)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time check of a received signature (for tests and for receivers).</summary>
    public static bool Verify(string body, string secret, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Encoding.ASCII.GetBytes(Sign(body, secret));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
