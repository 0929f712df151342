using System.Globalization;
using FluentValidation;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Certificates;

namespace TrainingPortal.Web.Features.Exports;

/// <summary>Filters of <c>enrollments.csv</c> (query string).</summary>
public sealed class EnrollmentExportFilter
{
    public string? Program { get; set; }
    public string? Status { get; set; }
}

/// <summary>Filters of <c>certificates.csv</c> (query string).</summary>
public sealed class CertificateExportFilter
{
    public string? Program { get; set; }

    /// <summary>The state today: Valid, Revoked, Expired or Lapsed.</summary>
    public string? State { get; set; }
}

/// <summary>Filters of <c>attendance.csv</c> (query string). Days are each meeting's local date in its group's zone.</summary>
public sealed class AttendanceExportFilter
{
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Program { get; set; }
    public int? Group { get; set; }
}

/// <summary>Parsing shared by the filters: ISO dates, known programs, states and statuses (case-insensitive).</summary>
public static class ExportValues
{
    /// <summary>A <c>YYYY-MM-DD</c> day within the portal's date range (so the query's widening cannot overflow).</summary>
    public static bool TryDate(string? text, out DateOnly date) => Infrastructure.PortalDates.TryParse(text, out date);

    public static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    public static string? Program(string? key) =>
        IsBlank(key) ? null : RuleSetCatalog.Default.ProgramKeys.FirstOrDefault(k => string.Equals(k, key!.Trim(), StringComparison.OrdinalIgnoreCase));

    public static EnrollmentStatus? Status(string? text) =>
        !IsBlank(text) && Enum.TryParse<EnrollmentStatus>(text, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(text, out _) ? s : null;

    public static CertificateState? State(string? text) =>
        !IsBlank(text) && Enum.TryParse<CertificateState>(text, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(text, out _) ? s : null;

    public const string ProgramMessage = "Choose a program from the list.";
    public const string DateMessage = "Enter a date like 2026-11-23.";
}

public sealed class EnrollmentExportFilterValidator : AbstractValidator<EnrollmentExportFilter>
{
    public EnrollmentExportFilterValidator()
    {
        RuleFor(f => f.Program).Must(p => ExportValues.IsBlank(p) || ExportValues.Program(p) is not null).WithMessage(ExportValues.ProgramMessage);
        RuleFor(f => f.Status).Must(s => ExportValues.IsBlank(s) || ExportValues.Status(s) is not null).WithMessage("Choose a status from the list.");
    }
}

public sealed class CertificateExportFilterValidator : AbstractValidator<CertificateExportFilter>
{
    public CertificateExportFilterValidator()
    {
        RuleFor(f => f.Program).Must(p => ExportValues.IsBlank(p) || ExportValues.Program(p) is not null).WithMessage(ExportValues.ProgramMessage);
        RuleFor(f => f.State).Must(s => ExportValues.IsBlank(s) || ExportValues.State(s) is not null).WithMessage("Choose a state from the list.");
    }
}

public sealed class AttendanceExportFilterValidator : AbstractValidator<AttendanceExportFilter>
{
    public AttendanceExportFilterValidator()
    {
        RuleFor(f => f.From).Must(d => ExportValues.IsBlank(d) || Infrastructure.PortalDates.TryParseAnyRange(d, out _)).WithMessage(ExportValues.DateMessage);
        RuleFor(f => f.To).Must(d => ExportValues.IsBlank(d) || Infrastructure.PortalDates.TryParseAnyRange(d, out _)).WithMessage(ExportValues.DateMessage);
        RuleFor(f => f.From).Must(d => !Infrastructure.PortalDates.IsOutOfRange(d)).WithMessage(Infrastructure.PortalDates.RangeMessage);
        RuleFor(f => f.To).Must(d => !Infrastructure.PortalDates.IsOutOfRange(d)).WithMessage(Infrastructure.PortalDates.RangeMessage);
        RuleFor(f => f.To)
            .Must((f, to) => !(ExportValues.TryDate(f.From, out var from) && ExportValues.TryDate(to, out var end)) || end >= from)
            .WithMessage("The last day is before the first day: swap them or change one.");
        RuleFor(f => f.Program).Must(p => ExportValues.IsBlank(p) || ExportValues.Program(p) is not null).WithMessage(ExportValues.ProgramMessage);
        RuleFor(f => f.Group).GreaterThan(0).When(f => f.Group is not null).WithMessage("Choose a group from the list.");
    }
}

public sealed record ExportGroupOption(int Id, string Name, string ProgramKey, DateOnly StartDate);

/// <summary>The exports page: the three files with their filters; <see cref="Failed"/> names the form whose filters were refused.</summary>
public sealed class ExportsPage
{
    public IReadOnlyList<(string Key, string Title)> Programs { get; init; } = [];
    public IReadOnlyList<ExportGroupOption> Groups { get; init; } = [];
    public string TimeZoneId { get; init; } = "";
    public string? Failed { get; init; }
    public EnrollmentExportFilter Enrollments { get; init; } = new();
    public CertificateExportFilter Certificates { get; init; } = new();
    public AttendanceExportFilter Attendance { get; init; } = new();
    public Fees.FeeFilter Fees { get; init; } = new();

    /// <summary>A field's id: the model-state key in the refused form (so the error summary links to it), else prefixed by the form.</summary>
    public string Id(string form, string key) => Failed == form ? key : form + "-" + key;
}
