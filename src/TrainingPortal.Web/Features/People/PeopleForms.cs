using System.ComponentModel.DataAnnotations;
using FluentValidation;
using TrainingPortal.Domain;

namespace TrainingPortal.Web.Features.People;

/// <summary>The roles a person should have, confirmed.</summary>
public sealed class RolesForm
{
    /// <summary>The ticked roles (any of <see cref="Domain.Roles.All"/>).</summary>
    public List<string> Roles { get; set; } = [];

    [Display(Name = "Yes, change this person's roles as ticked above")]
    public bool Confirm { get; set; }
}

/// <summary>Disable or enable an account, with the reason.</summary>
public sealed class AccountStatusForm
{
    [Display(Name = "Reason")]
    public string Reason { get; set; } = "";
}

public sealed class RolesFormValidator : AbstractValidator<RolesForm>
{
    public RolesFormValidator()
    {
        RuleFor(f => f.Roles).Must(roles => (roles ?? []).All(r => Roles.All.Contains(r)))
            .WithMessage("Choose roles from the list.");
        RuleFor(f => f.Confirm).Equal(true).WithMessage("Tick the box to confirm the role changes.");
    }
}

public sealed class AccountStatusFormValidator : AbstractValidator<AccountStatusForm>
{
    public AccountStatusFormValidator()
    {
        RuleFor(f => f.Reason).Must(r => !string.IsNullOrWhiteSpace(r))
            .WithMessage("Write the reason: it is kept in the audit log.")
            .MaxChars(2000, "the reason");
    }
}
