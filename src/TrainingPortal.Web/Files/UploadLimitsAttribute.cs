using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace TrainingPortal.Web.Files;

/// <summary>
/// On an action that takes an upload: the request may be as large as the file limit (<see cref="UploadOptions.MaxBytes"/>)
/// plus <see cref="FileRules.RequestAllowance"/>, so a file just over the limit reaches the action and is answered next
/// to its field with everything typed kept. A larger request cannot be read at all: the antiforgery check cannot read
/// the form and the friendly 400 page answers (never a 500). Like the framework's RequestSizeLimit/RequestFormLimits,
/// it runs before the antiforgery check (order 900), but the limit comes from configuration.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadLimitsAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    public int Order => 900;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new UploadLimitsFilter(serviceProvider.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes + FileRules.RequestAllowance);

    private sealed class UploadLimitsFilter(long limit) : IAuthorizationFilter
    {
        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var features = context.HttpContext.Features;
            if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
            if (features.Get<IFormFeature>() is not { Form: not null })
            {
                features.Set<IFormFeature>(new FormFeature(context.HttpContext.Request, new FormOptions
                {
                    MultipartBodyLengthLimit = limit,
                }));
            }
        }
    }
}
