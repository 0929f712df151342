using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Certificates;

/// <summary>Why a certificate is re-issued or revoked (stored with the record, shown in the audit log).</summary>
public sealed class CertificateReasonForm
{
    [Display(Name = "Reason")]
    public string Reason { get; set; } = "";
}

public sealed class CertificateReasonFormValidator : AbstractValidator<CertificateReasonForm>
{
    public CertificateReasonFormValidator()
    {
        RuleFor(f => f.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Write the reason: it is kept with the certificate and in the audit log.")
            .Must(r => (r ?? "").Trim().Length >= 5).WithMessage("Write the reason in a few words (at least 5 characters).")
            .MaxChars(2000, "the reason");
    }
}
