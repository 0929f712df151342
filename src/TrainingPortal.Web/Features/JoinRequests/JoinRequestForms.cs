using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.JoinRequests;

/// <summary>A signed-in person asks to join a program (the program comes from the address).</summary>
public sealed class JoinForm
{
    /// <summary>The group or cohort wanted (null: any; the administrator places them).</summary>
    [Display(Name = "Group or cohort")]
    public int? GroupId { get; set; }

    [Display(Name = "Category")]
    public string? Category { get; set; }

    [Display(Name = "Message to the administrator (optional)")]
    public string? Message { get; set; }
}

public sealed class JoinFormValidator : AbstractValidator<JoinForm>
{
    public JoinFormValidator() => RuleFor(f => f.Message).MaxChars(2000, "the message");
}

/// <summary>An administrator declines a request, saying why (the person reads it).</summary>
public sealed class DeclineForm
{
    [Display(Name = "Reason (the person sees it)")]
    public string? Reason { get; set; }

    /// <summary>The request's concurrency token as shown.</summary>
    public Guid Version { get; set; }
}

public sealed class DeclineFormValidator : AbstractValidator<DeclineForm>
{
    public DeclineFormValidator() =>
        RuleFor(f => f.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the request is declined; the person reads it.")
            .MaxChars(2000, "the reason");
}
