using FluentValidation;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Admin.Users;

/// <summary>The user form. Roles are checkboxes keyed by role name (they also decide the authority status); memberships are rows.</summary>
public sealed class UserInput
{
    public string? FullName { get; set; }

    public string? Email { get; set; }

    public int? PartyId { get; set; }

    /// <summary>Only when creating: the first password, handed to the user by the administrator.</summary>
    public string? InitialPassword { get; set; }

    // Form binding sets a collection to null when the post has none of its fields (no role ticked, no groups).
    public Dictionary<string, bool> Roles { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    public List<MembershipInput> Memberships { get; set => field = value ?? []; } = [];

    public int? NewGroupId { get; set; }

    public GroupRole? NewGroupRole { get; set; }

    /// <summary>The version the administrator started from; a stale save is refused.</summary>
    public string? ConcurrencyStamp { get; set; }

    public IReadOnlyCollection<AppRole> SelectedRoles() =>
        Roles.Where(r => r.Value && Enum.TryParse<AppRole>(r.Key, out var role) && Enum.IsDefined(role))
            .Select(r => Enum.Parse<AppRole>(r.Key)).Distinct().ToList();

    /// <summary>
    /// Whether the user will be an authority person (§115): given by the roles, never asked separately (issue 16 #23,
    /// ADR 0034). A method, so a posted or forged form has no field to set it by.
    /// </summary>
    public bool AuthorityStatus() => AccessRules.IsAuthorityPerson(SelectedRoles());
}

public sealed class MembershipInput
{
    public int GroupId { get; set; }

    public GroupRole Role { get; set; } = GroupRole.Member;

    public bool Remove { get; set; }
}

public sealed class UserInputValidator : AbstractValidator<UserInput>
{
    public UserInputValidator(bool creating)
    {
        RuleFor(x => x.FullName).NotEmpty().WithMessage(Texts.Validation_NameRequired)
            .MaximumLength(200).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.Email).NotEmpty().WithMessage(Texts.Validation_EmailRequired)
            .MaximumLength(256).WithMessage(Texts.Validation_TooLong)
            .EmailAddress().WithMessage(Texts.Validation_EmailFormat);
        RuleFor(x => x.PartyId).NotNull().WithMessage(Texts.Validation_PartyRequired)
            .GreaterThan(0).WithMessage(Texts.Validation_PartyRequired);
        RuleFor(x => x.Roles)
            .Must(r => r.Keys.All(k => Enum.TryParse<AppRole>(k, out var role) && Enum.IsDefined(role) && !int.TryParse(k, out _)))
            .WithMessage(Texts.Validation_UnknownRole);
        RuleForEach(x => x.Memberships).Must(m => Enum.IsDefined(m.Role) && m.GroupId > 0).WithMessage(Texts.Validation_UnknownGroupRole);
        RuleFor(x => x.NewGroupRole).Must(r => r is null || Enum.IsDefined(r.Value)).WithMessage(Texts.Validation_UnknownGroupRole);
        if (creating)
        {
            RuleFor(x => x.InitialPassword).NotEmpty().WithMessage(Texts.Validation_PasswordRequired)
                .MinimumLength(12).WithMessage(Texts.Validation_PasswordLength)
                .MaximumLength(128).WithMessage(Texts.Validation_TooLong);
        }
    }
}
