namespace TrainingPortal.Web.Features.Api;

/// <summary>
/// Names the JSON request body of an action that reads its body itself (so that MVC's binder does
/// not stop at the first error); the OpenAPI document describes the body with this type's schema.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenApiRequestBodyAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
