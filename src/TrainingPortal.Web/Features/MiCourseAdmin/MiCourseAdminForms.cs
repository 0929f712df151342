using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Web.Data.Configurations;
using TrainingPortal.Web.IntroCourse;

namespace TrainingPortal.Web.Features.MiCourseAdmin;

/// <summary>A module of the introductory course as the administrator types it.</summary>
public sealed class ModuleForm
{
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Text (Markdown)")]
    public string? Body { get; set; }

    [Display(Name = "Video or reading link (optional)")]
    public string? LinkUrl { get; set; }

    [Display(Name = "Link text (optional)")]
    public string? LinkText { get; set; }

    [Display(Name = "Published: participants see it and it counts toward completing the course")]
    public bool Published { get; set; }

    /// <summary>The module's version as shown (edit only), so a change made meanwhile is noticed.</summary>
    public Guid Version { get; set; }

    /// <summary>Up to three check questions; a slot left empty is no question.</summary>
    public List<QuestionForm> Questions { get; set; } = [];

    /// <summary>The form with every question slot present (empty ones to fill in).</summary>
    public ModuleForm WithSlots()
    {
        Questions ??= [];
        while (Questions.Count < IntroCourseLengths.Questions)
        {
            Questions.Add(new QuestionForm());
        }
        return this;
    }
}

/// <summary>One check question: a prompt, the options (one a line) and the number of the right one.</summary>
public sealed class QuestionForm
{
    [Display(Name = "Question")]
    public string? Prompt { get; set; }

    [Display(Name = "Options, one a line")]
    public string? Options { get; set; }

    [Display(Name = "Number of the right option")]
    public int? CorrectOption { get; set; }

    [Display(Name = "Why it is right (optional, shown after answering)")]
    public string? Explanation { get; set; }

    /// <summary>The view data key holding the question's index in its partial.</summary>
    public const string IndexKey = "QuestionIndex";

    /// <summary>
    /// The view data of question <paramref name="index"/>'s partial: its fields are named <c>Form.Questions[index].…</c> by the field
    /// prefix, so the partial's <c>asp-for</c> are plain member expressions (cached; see ViewExpressionTests).
    /// </summary>
    public static Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary ViewDataFor(Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary parent, int index)
    {
        var viewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(parent) { [IndexKey] = index };
        viewData.TemplateInfo.HtmlFieldPrefix = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Form.{nameof(ModuleForm.Questions)}[{index}]");
        return viewData;
    }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Prompt) && string.IsNullOrWhiteSpace(Options) && string.IsNullOrWhiteSpace(Explanation) && CorrectOption is null;
}

public sealed class ModuleFormValidator : AbstractValidator<ModuleForm>
{
    public ModuleFormValidator()
    {
        RuleFor(f => f.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter a title, for example “Open questions”.")
            .MaxChars(Lengths.Title, "the title");
        RuleFor(f => f.Body).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter the module's text.")
            .MaxChars(IntroCourseLengths.Body, "the text");
        RuleFor(f => f.LinkUrl).MaxChars(Lengths.Link, "the link")
            .Must(u => string.IsNullOrWhiteSpace(u) || SafeMarkdown.IsWebAddress(u))
            .WithMessage("Enter a full web address starting with https:// or http://, for example https://example.org/video, or leave it empty.");
        RuleFor(f => f.LinkText).MaxChars(Lengths.Title, "the link text");
        RuleFor(f => f.Questions).Must(q => q is null || q.Count <= IntroCourseLengths.Questions)
            .WithMessage($"A module has at most {IntroCourseLengths.Questions} check questions.");
        RuleForEach(f => f.Questions).SetValidator(new QuestionFormValidator());
    }
}

public sealed class QuestionFormValidator : AbstractValidator<QuestionForm>
{
    public QuestionFormValidator()
    {
        When(q => !q.IsEmpty, () =>
        {
            RuleFor(q => q.Prompt).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter the question, or empty every field of this question.")
                .MaxChars(Lengths.Text, "the question");
            RuleFor(q => q.Options).Must(o => Count(o) is >= IntroCourseLengths.MinOptions and <= IntroCourseLengths.MaxOptions)
                .WithMessage((_, o) => $"Enter {IntroCourseLengths.MinOptions} to {IntroCourseLengths.MaxOptions} options, one a line (you entered {Count(o)}).")
                .MaxChars(IntroCourseLengths.Options, "the options");
            RuleFor(q => q.CorrectOption).Must((q, n) => n is { } v && v >= 1 && v <= Math.Max(Count(q.Options), 1))
                .WithMessage((q, _) => $"Enter the number of the right option, 1 to {Math.Max(Count(q.Options), 1)}.");
            RuleFor(q => q.Explanation).MaxChars(Lengths.Text, "the explanation");
        });
    }

    private static int Count(string? options) => options is null ? 0 : IntroCourseQuestion.Split(options).Count;
}
