using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace TrainingPortal.Web.Infrastructure;

/// <summary>
/// Runs the FluentValidation validator of every bound action argument and copies its errors into
/// ModelState, under the field names the form uses, so views show them next to the field.
/// (FluentValidation.AspNetCore is deprecated and does not restore here: see docs/decisions.)
/// </summary>
public sealed class ValidationFilter(IServiceProvider services) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            if (!context.ActionArguments.TryGetValue(parameter.Name, out var argument) || argument is null)
            {
                continue;
            }
            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (services.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            var prefix = parameter.BindingInfo?.BinderModelName ?? "";
            foreach (var error in result.Errors)
            {
                var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
                context.ModelState.AddModelError(key, error.ErrorMessage);
            }
        }
        await next();
    }
}
