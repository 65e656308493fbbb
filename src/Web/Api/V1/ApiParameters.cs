using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using RdvSP.Web.Http.BoundValues;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// The parameters of one API call, merged like the reference (REFERENCE-API §1.3): query string, then
/// a JSON object body or a form body, path values winning. Arrays come as JSON arrays or repeated
/// <c>name[]</c> keys; one level of nesting is flattened (<c>{"participation":{"status":…}}</c> is read
/// as <c>status</c>). Typed getters collect French messages; <see cref="ThrowIfInvalid"/> turns them
/// into one 422 in the contract's shape. Nothing here ever throws anything but <see cref="ApiProblem"/>.
/// </summary>
internal sealed class ApiParameters
{
    public const int PerPage = 100;
    public const int MaxPage = 10_000;
    private const int MaxBodyBytes = 256 * 1024;

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly Dictionary<string, List<string?>> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private readonly HashSet<string> bodyKeys = new(StringComparer.Ordinal);

    private ApiParameters()
    {
    }

    public static async Task<ApiParameters> ReadAsync(HttpContext http)
    {
        var parameters = new ApiParameters();
        foreach (var (key, value) in http.Request.Query) parameters.AddQuery(key, value);
        await parameters.ReadBodyAsync(http.Request);
        foreach (var (key, value) in http.Request.RouteValues)
            parameters.values[key] = [Convert.ToString(value, CultureInfo.InvariantCulture)];
        return parameters;
    }

    private void AddQuery(string key, StringValues value)
    {
        var name = key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key;
        if (!values.TryGetValue(name, out var list)) values[name] = list = [];
        list.AddRange(value.ToArray());
    }

    private async Task ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any())) return;
        if (request.ContentLength > MaxBodyBytes) throw ApiErrors.Failure(413, "Le corps de la requête est trop volumineux.");
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                throw ApiErrors.Failure(400, "Le formulaire envoyé est illisible.");
            }
            foreach (var (key, value) in form)
            {
                AddQuery(key, value);
                bodyKeys.Add(key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key);
            }
            return;
        }
        if (!IsJson(request.ContentType))
            throw ApiErrors.Failure(415, "Type de contenu non pris en charge : envoyez du JSON (application/json).");
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            throw ApiErrors.Failure(400, "Le corps de la requête n'est pas un JSON valide.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw ApiErrors.Failure(400, "Le corps de la requête doit être un objet JSON.");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    // Rails' parameter wrapping: {"participation":{"status":"seen"}} is read as status.
                    foreach (var inner in property.Value.EnumerateObject()) AddJson(inner.Name, inner.Value);
                    continue;
                }
                AddJson(property.Name, property.Value);
            }
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private void AddJson(string name, JsonElement value)
    {
        bodyKeys.Add(name);
        if (value.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string?>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array) { Error(name, "doit être une liste de valeurs simples"); return; }
                list.Add(Scalar(item));
            }
            values[name] = list;
            arrays.Add(name);
            return;
        }
        if (value.ValueKind == JsonValueKind.Object) { Error(name, "n'est pas une valeur simple"); return; }
        values[name] = [Scalar(value)];
    }

    private readonly HashSet<string> arrays = new(StringComparer.Ordinal);

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>Write endpoints refuse fields they do not know (a typo must not be silently ignored).</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var key in bodyKeys.Concat(values.Keys).Distinct())
            if (!known.Contains(key, StringComparer.Ordinal) && !IsRouteOrCompat(key))
                Error(key, "n'est pas un paramètre accepté");
    }

    private static bool IsRouteOrCompat(string key) => key is "organisation_id" or "id" or "format";

    private string? Single(string name)
    {
        if (!values.TryGetValue(name, out var list) || list.Count == 0) return null;
        if (list.Count > 1 || arrays.Contains(name)) { Error(name, "doit être une valeur unique"); return null; }
        var value = list[0];
        if (value is not null && BoundValueRules.For(typeof(string), name) is { } rule && rule(value) is { } message)
        {
            Error(name, message);
            return null;
        }
        return value;
    }

    public string? Text(string name, int maxLength = 255)
    {
        var value = Single(name);
        if (value is not null && value.Length > maxLength) { Error(name, $"est trop long (pas plus de {maxLength} caractères)"); return null; }
        return value;
    }

    /// <summary>A positive integer id; a malformed one is an error.</summary>
    public long? Id(string name)
    {
        var text = Single(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        Error(name, "doit être un identifiant (nombre entier positif)");
        return null;
    }

    /// <summary>A path id: anything but a positive integer means "no such record" (the caller answers 404).</summary>
    public long? PathId(string name) =>
        values.TryGetValue(name, out var list) && list is [{ } text]
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public string PathText(string name) => values.TryGetValue(name, out var list) && list is [{ } text] ? text : "";

    public int? Integer(string name, int min, int max)
    {
        var text = Single(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        Error(name, $"doit être un nombre entier entre {min} et {max}");
        return null;
    }

    public bool? Bool(string name)
    {
        var text = Single(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1": return true;
            case "false" or "0": return false;
            default: Error(name, "doit valoir true ou false"); return null;
        }
    }

    public DateOnly? Date(string name)
    {
        var text = Single(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2100)
            return date;
        Error(name, "doit être une date au format AAAA-MM-JJ");
        return null;
    }

    /// <summary>A time of day <c>H:m[:s]</c> ("8:00", "08:00:00").</summary>
    public TimeOnly? Time(string name)
    {
        var text = Single(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Trim().Split(':');
        if (parts.Length is 2 or 3
            && parts.All(p => p.Length is 1 or 2 && p.All(char.IsAsciiDigit))
            && int.Parse(parts[0], CultureInfo.InvariantCulture) is var h and < 24
            && int.Parse(parts[1], CultureInfo.InvariantCulture) is var m and < 60
            && (parts.Length == 2 ? 0 : int.Parse(parts[2], CultureInfo.InvariantCulture)) is var s and < 60)
            return new TimeOnly(h, m, s);
        Error(name, "doit être une heure au format HH:MM");
        return null;
    }

    /// <summary>A date (midnight in Paris) or an ISO 8601 instant, in Paris when it has no offset.</summary>
    public DateTimeOffset? Instant(string name)
    {
        var text = Single(name)?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 1900 and <= 2100)
            return InParis(day.ToDateTime(TimeOnly.MinValue));
        var hasOffset = text.Length > 10 && (text.EndsWith('Z') || text[10..].Contains('+') || text[10..].LastIndexOf('-') > 0);
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && instant.Year is >= 1900 and <= 2100)
            return instant;
        if (!hasOffset && System.DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Year is >= 1900 and <= 2100)
            return InParis(local);
        Error(name, "doit être une date (AAAA-MM-JJ) ou une date et heure ISO 8601");
        return null;
    }

    private static DateTimeOffset InParis(System.DateTime local)
    {
        var unspecified = System.DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Paris.GetUtcOffset(unspecified));
    }

    /// <summary>An array of ids (<c>name[]</c> or a JSON array; one value is accepted too). Null when absent.</summary>
    public long[]? Ids(string name, int max = 100)
    {
        if (!values.TryGetValue(name, out var list)) return null;
        var ids = new List<long>();
        foreach (var text in list)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                Error(name, "doit être une liste d'identifiants (nombres entiers positifs)");
                return null;
            }
            ids.Add(id);
        }
        if (ids.Count > max) { Error(name, $"ne peut pas contenir plus de {max} identifiants"); return null; }
        return [.. ids.Distinct()];
    }

    /// <summary>The page: empty, non-numeric, 0 or negative mean 1 (the reference); above 10 000 is refused.</summary>
    public int Page()
    {
        if (!values.TryGetValue("page", out var list) || list is not [{ } text]) return 1;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var page))
        {
            if (text.Length > 0 && text.TrimStart('-').All(char.IsAsciiDigit)) Error("page", $"doit être au plus {MaxPage}");
            return 1;
        }
        if (page > MaxPage) { Error("page", $"doit être au plus {MaxPage}"); return 1; }
        return page < 1 ? 1 : page;
    }

    /// <summary>One of the allowed values.</summary>
    public string? Choice(string name, IReadOnlyCollection<string> allowed)
    {
        var text = Single(name);
        if (string.IsNullOrEmpty(text)) return text;
        if (allowed.Contains(text)) return text;
        Error(name, $"n'est pas inclus(e) dans la liste ({string.Join(", ", allowed)})");
        return null;
    }

    public void Error(string name, string message)
    {
        if (!errors.TryGetValue(name, out var list)) errors[name] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
            throw ApiErrors.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>An array of texts (<c>name[]</c> or a JSON array; one value is accepted too). Null when absent.</summary>
    public IReadOnlyList<string>? Texts(string name, int max = 100, int maxLength = 255)
    {
        if (!values.TryGetValue(name, out var list)) return null;
        var texts = list.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
        if (texts.Count > max || texts.Any(t => t.Length > maxLength)) { Error(name, $"ne peut pas contenir plus de {max} valeurs de {maxLength} caractères"); return null; }
        return texts;
    }
}
