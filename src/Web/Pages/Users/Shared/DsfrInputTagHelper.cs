using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RdvSP.Web.Pages.Users.Shared;

/// <summary>
/// A DSFR text field with its label, hint and error messages, linked for screen readers
/// (aria-describedby, aria-invalid): <c>&lt;dsfr-input for="Input.Email" label="Adresse e-mail" type="email" /&gt;</c>.
/// Password fields never echo the submitted value.
/// </summary>
[HtmlTargetElement("dsfr-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrInputTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public bool Required { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // Honours the prefix of a partial rendered with for="Input".
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList()
            : [];
        var hasErrors = errors.Count > 0;

        string? value;
        if (Type == "password") value = null;
        else if (entry?.AttemptedValue is { } attempted) value = attempted;
        else value = For.Model switch
        {
            null => null,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };

        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var describedBy = new List<string>();
        if (Hint is not null) describedBy.Add($"{id}-hint");
        if (hasErrors) describedBy.Add($"{id}-error");

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasErrors ? "fr-input-group fr-input-group--error" : "fr-input-group");

        var html = $"<label class=\"fr-label\" for=\"{id}\">{E(Label)}{(Required ? " <span aria-hidden=\"true\">*</span>" : "")}";
        if (Hint is not null) html += $"<span class=\"fr-hint-text\" id=\"{id}-hint\">{E(Hint)}</span>";
        html += "</label>";
        html += $"<input class=\"fr-input{(hasErrors ? " fr-input--error" : "")}\" type=\"{E(Type)}\" id=\"{id}\" name=\"{E(name)}\"";
        if (value is not null) html += $" value=\"{E(value)}\"";
        if (Autocomplete is not null) html += $" autocomplete=\"{E(Autocomplete)}\"";
        if (Required) html += " required aria-required=\"true\"";
        if (hasErrors) html += " aria-invalid=\"true\"";
        if (describedBy.Count > 0) html += $" aria-describedby=\"{string.Join(' ', describedBy)}\"";
        html += " />";
        if (hasErrors)
            html += $"<div id=\"{id}-error\">{string.Concat(errors.Select(m => $"<p class=\"fr-error-text\">{E(m)}</p>"))}</div>";
        output.Content.SetHtmlContent(html);
    }
}
