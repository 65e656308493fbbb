using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace RdvSP.Web.Logging;

/// <summary>
/// Safety net under the rule "no personal data in logs": our code never logs names, e-mails or phone
/// numbers, but a framework message or an exception text might carry one. String properties and
/// exception messages are scanned for e-mail addresses and phone numbers, which are masked.
/// </summary>
public sealed partial class PersonalDataMaskingEnricher : ILogEventEnricher
{
    private const string Mask = "[masqué]";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? replacements = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && NeedsMask(text))
                (replacements ??= []).Add(new LogEventProperty(name, new ScalarValue(MaskText(text))));
        }
        if (replacements is null) return;
        foreach (var property in replacements)
            logEvent.AddOrUpdateProperty(property);
    }

    public static bool NeedsMask(string text) => text.Contains('@', StringComparison.Ordinal) || PhonePattern().IsMatch(text);

    public static string MaskText(string text) => PhonePattern().Replace(EmailPattern().Replace(text, Mask), Mask);

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(@|%40)[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // French numbers, national or international, with optional separators: 06 12 34 56 78, +33612345678.
    [GeneratedRegex(@"(?<!\d)(?:(?:\+|00|%2B)\d{2,3}[\s.\-]?(?:\(0\))?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
