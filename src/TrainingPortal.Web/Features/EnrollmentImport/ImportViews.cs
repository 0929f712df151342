using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.EnrollmentImport;

/// <summary>The upload.</summary>
public sealed class ImportForm
{
    [Display(Name = "CSV file of enrollments")]
    public IFormFile? File { get; set; }
}

public sealed class ImportFormValidator : AbstractValidator<ImportForm>
{
    public ImportFormValidator()
    {
        RuleFor(f => f.File).NotNull().WithMessage("Choose a CSV file to upload.");
    }
}

/// <summary>The import page: the form, and after a refused upload the report of every problem.</summary>
public sealed class ImportPage
{
    /// <summary>The most problems listed (the rest are counted).</summary>
    public const int MaxShown = 500;

    public ImportForm Form { get; init; } = new();
    public string? FileName { get; init; }
    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];
    public string TimeZoneId { get; init; } = "";
}
