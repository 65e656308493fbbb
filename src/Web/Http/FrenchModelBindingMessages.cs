using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace RdvSP.Web.Http;

/// <summary>Model binding speaks French on every page (the defaults are English).</summary>
internal static class FrenchModelBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"La valeur « {value} » n'est pas valide pour {field}.");
        p.SetMissingBindRequiredValueAccessor(field => $"Le champ {field} est obligatoire.");
        p.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Le contenu de la requête est vide.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        p.SetUnknownValueIsInvalidAccessor(field => $"La valeur saisie pour {field} n'est pas valide.");
        p.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        p.SetValueMustBeANumberAccessor(field => $"Le champ {field} doit être un nombre.");
        p.SetValueMustNotBeNullAccessor(value => $"La valeur « {value} » n'est pas valide.");
    }
}
