using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// One parameter of an API endpoint for the OpenAPI document. The endpoints read their parameters
/// themselves (query, JSON or form body, REFERENCE-API §1.3), so the generator cannot see them: each
/// endpoint declares them with <see cref="ApiDocs.Parameters"/>. Types: integer, string, boolean, date,
/// time, date-time, integer[], string[].
/// </summary>
internal sealed record ApiParameterDoc(string Name, string Type, string Description, bool Required = false);

internal sealed record ApiParametersMetadata(IReadOnlyList<ApiParameterDoc> Parameters);

internal static class ApiDocs
{
    public static readonly ApiParameterDoc Page = new("page", "integer", "Numéro de page (100 éléments par page, 1 par défaut)");

    public static RouteHandlerBuilder Parameters(this RouteHandlerBuilder builder, params ApiParameterDoc[] parameters) =>
        builder.WithMetadata(new ApiParametersMetadata(parameters));

    /// <summary>
    /// Writes the declared parameters: in the query for GET and DELETE, as a JSON body for POST, PATCH
    /// and PUT (the query works too for those, as in the reference).
    /// </summary>
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiParametersMetadata>().LastOrDefault();
        if (declared is null) return Task.CompletedTask;
        var method = context.Description.HttpMethod ?? "GET";
        if (method is "POST" or "PATCH" or "PUT")
        {
            var body = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = declared.Parameters.ToDictionary(p => p.Name, p => (IOpenApiSchema)Schema(p)),
                Required = declared.Parameters.Where(p => p.Required).Select(p => p.Name).ToHashSet(),
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = declared.Parameters.Any(p => p.Required),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            };
            return Task.CompletedTask;
        }
        operation.Parameters ??= [];
        foreach (var parameter in declared.Parameters)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Type.EndsWith("[]", StringComparison.Ordinal) ? parameter.Name + "[]" : parameter.Name,
                In = ParameterLocation.Query,
                Required = parameter.Required,
                Description = parameter.Description,
                Schema = Schema(parameter),
            });
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema Schema(ApiParameterDoc parameter) => parameter.Type switch
    {
        "integer[]" => new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" }, Description = parameter.Description },
        "string[]" => new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = parameter.Description },
        "integer" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = parameter.Description },
        "boolean" => new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = parameter.Description },
        "date" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Description = parameter.Description },
        "time" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^\d{1,2}:\d{1,2}(:\d{1,2})?$", Description = parameter.Description },
        "date-time" => new OpenApiSchema { Type = JsonSchemaType.String, Description = parameter.Description },
        _ => new OpenApiSchema { Type = JsonSchemaType.String, Description = parameter.Description },
    };
}
