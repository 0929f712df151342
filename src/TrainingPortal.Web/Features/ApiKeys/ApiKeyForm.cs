using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.ApiKeys;

public sealed class ApiKeyForm
{
    [Display(Name = "What the key is for")]
    public string Name { get; set; } = "";
}

public sealed class ApiKeyFormValidator : AbstractValidator<ApiKeyForm>
{
    public const int MaxNameLength = 200;

    public ApiKeyFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Say what the key is for, e.g. \"State association import\".")
            .MaxChars(MaxNameLength, "the description");
    }
}

/// <summary>One row of the key list.</summary>
public sealed record ApiKeyRow(int Id, string Name, string Prefix, DateTime CreatedUtc, string CreatedBy, DateTime? LastUsedUtc, DateTime? RevokedUtc);

/// <summary>A key just created: the only time its whole value is known.</summary>
public sealed record CreatedApiKey(string Name, string Prefix, string Key);
