using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace RdvSP.Web.Http;

/// <summary>Model binding speaks French on every page (the defaults are English).</summary>
internal static class FrenchModelBindingMessages
{
    private const int ShownLength = 40;

    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        // Without the field: it is a C# name, and a form shows the message beside the field anyway.
        p.SetAttemptedValueIsInvalidAccessor((value, _) => $"La valeur « {Shown(value)} » n'est pas valide.");
        p.SetMissingBindRequiredValueAccessor(field => $"Le champ {field} est obligatoire.");
        p.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Le contenu de la requête est vide.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {Shown(value)} » n'est pas valide.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        p.SetUnknownValueIsInvalidAccessor(field => $"La valeur saisie pour {field} n'est pas valide.");
        p.SetValueIsInvalidAccessor(value => $"La valeur « {Shown(value)} » n'est pas valide.");
        p.SetValueMustBeANumberAccessor(field => $"Le champ {field} doit être un nombre.");
        p.SetValueMustNotBeNullAccessor(value => $"La valeur « {Shown(value)} » n'est pas valide.");
    }

    /// <summary>The refused value as quoted back: without control characters, cut if long.</summary>
    private static string Shown(string? value)
    {
        var printable = new string((value ?? "").Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).ToArray());
        return printable.Length <= ShownLength ? printable : string.Concat(printable.AsSpan(0, ShownLength), "…");
    }
}
