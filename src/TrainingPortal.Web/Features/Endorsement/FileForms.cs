using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Web.Data.Configurations;

namespace TrainingPortal.Web.Features.Endorsement;

// Uploaded evidence files on the application page (issue 12, "Files"): the file fields of the degree and training
// forms, the portfolio form, and a file added later to an entry. The checks of the file itself (size, type by
// content, not empty) are in Files/EvidenceFiles, run by the actions (they read the content).

public sealed partial class DegreeForm
{
    [Display(Name = "Official transcript (optional now, needed before the degree counts)")]
    public IFormFile? Transcript { get; set; }
}

public sealed partial class TrainingEntryForm
{
    [Display(Name = "Certificate of attendance (optional)")]
    public IFormFile? Certificate { get; set; }
}

/// <summary>A portfolio document and what it is.</summary>
public sealed class PortfolioForm
{
    [Display(Name = "Document")]
    public IFormFile? File { get; set; }

    [Display(Name = "What this document is")]
    public string? Description { get; set; }
}

/// <summary>A file added to an entry already in the log (a degree's transcript, a training's certificate).</summary>
public sealed class AttachFileForm
{
    [Display(Name = "File")]
    public IFormFile? File { get; set; }
}

public sealed class PortfolioFormValidator : AbstractValidator<PortfolioForm>
{
    public PortfolioFormValidator()
    {
        RuleFor(f => f.Description).NotEmpty()
            .WithMessage("Say what the document is, e.g. \"Reflective essay on a home visit\" or \"Letter from my supervisor\".")
            .MaxChars(Lengths.Text, "the description");
    }
}
