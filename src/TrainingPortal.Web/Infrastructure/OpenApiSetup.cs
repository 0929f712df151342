using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TrainingPortal.Web.Features.Api;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// The OpenAPI description of the JSON API at <c>/openapi/v1.json</c>. It is public: it describes
/// the API's shape and holds no data (the API itself needs a key). Only <c>api/</c> routes are
/// included; the portal's screens are not an API.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string BearerScheme = "apiKey";

    public static IServiceCollection AddPortalOpenApi(this IServiceCollection services)
    {
        // The schemas follow these options: the API reads numbers strictly (never from strings).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        return services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, context, cancellationToken) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TrainingPortal eligibility API",
                    Version = "v1",
                    Description = "Evaluates self-contained evidence documents under the portal's versioned rule sets. " +
                        "Authenticate with an API key created by an administrator (Authorization: Bearer tp_...). See docs/eligibility-api.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "tp_{prefix}_{secret}",
                    Description = "An API key created by an administrator under API keys in the portal's menu (/admin/api-keys). An administrator's signed-in session also works.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // Actions that read their own body describe it with [OpenApiRequestBody].
                var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiRequestBodyAttribute>().FirstOrDefault();
                if (body is null)
                {
                    return;
                }
                var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The evidence document (at most 1 MiB, Content-Type: application/json).",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
                };
            });
            options.AddSchemaTransformer((schema, context, cancellationToken) =>
            {
                // EvaluateRequest.Version is a number or "current" (a JsonElement in C#).
                if (context.JsonPropertyInfo is { Name: "version" } property && property.DeclaringType == typeof(EvaluateRequest))
                {
                    schema.Type = null;
                    schema.OneOf =
                    [
                        new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                        new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(EvaluateRequestReader.Current)] },
                    ];
                    schema.Default = JsonValue.Create(EvaluateRequestReader.Current);
                }
                return Task.CompletedTask;
            });
        });
    }
}
