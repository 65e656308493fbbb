namespace RdvSP.Application.Usagers.Common;

/// <summary>
/// French phone numbers (metropolitan and overseas numbering plans) to E.164, as the reference's
/// phone_number_formatted. Accepts "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033…",
/// and overseas numbers ("0690 …" → +590…, "0692 …" → +262…).
/// </summary>
public static class FrenchPhone
{
    // National prefixes of the overseas départements, which have their own country codes.
    private static readonly (string National, string CountryCode)[] Overseas =
    [
        ("0590", "590"), ("0690", "590"), ("0691", "590"), // Guadeloupe, Saint-Martin, Saint-Barthélemy
        ("0594", "594"), ("0694", "594"),                  // Guyane
        ("0596", "596"), ("0696", "596"), ("0697", "596"), // Martinique
        ("0262", "262"), ("0263", "262"), ("0692", "262"), ("0693", "262"), // La Réunion
        ("0269", "262"), ("0639", "262"),                  // Mayotte
    ];

    private static readonly string[] OverseasCountryCodes = ["590", "594", "596", "262"];

    /// <summary>The E.164 form (+33612345678), or null if the number is not a valid French number.</summary>
    public static string? ToE164(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var compact = new string(input.Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-' or '(' or ')' or '/')).ToArray());
        if (compact.StartsWith("00", StringComparison.Ordinal)) compact = "+" + compact[2..];
        if (compact.Length == 0 || !compact.Skip(compact[0] == '+' ? 1 : 0).All(char.IsAsciiDigit)) return null;

        if (compact[0] == '+')
        {
            var digits = compact[1..];
            if (digits.StartsWith("33", StringComparison.Ordinal))
            {
                var rest = digits[2..];
                if (rest.StartsWith('0')) rest = rest[1..]; // "+33 (0)6…" written with its trunk zero
                return rest.Length == 9 && rest[0] != '0' ? "+33" + rest : null;
            }
            foreach (var code in OverseasCountryCodes)
                if (digits.StartsWith(code, StringComparison.Ordinal) && digits.Length == code.Length + 9)
                    return "+" + digits;
            return null;
        }

        if (compact.Length != 10 || compact[0] != '0' || compact[1] == '0') return null;
        foreach (var (national, countryCode) in Overseas)
            if (compact.StartsWith(national, StringComparison.Ordinal))
                return "+" + countryCode + compact[1..];
        return "+33" + compact[1..];
    }
}
