using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using System.Net;

namespace RdvSP.Web.Pages.Agents.Shared;

/// <summary>Bootstrap field states of the agent account forms: the invalid class and the messages beside a field.</summary>
public static class AgentForms
{
    public static string Invalid(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? " is-invalid" : "";

    public static IHtmlContent Errors(ModelStateDictionary state, string key)
    {
        if (!state.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return HtmlString.Empty;
        var id = key.Replace('.', '_') + "-error";
        return new HtmlString($"<div class=\"invalid-feedback\" id=\"{id}\">{string.Join("<br>", entry.Errors.Select(e => WebUtility.HtmlEncode(e.ErrorMessage)))}</div>");
    }
}
