using FluentValidation;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Admin.Organisation;

public sealed record PartyItem(int Id, string Code, string Name, bool IsPublicAuthority, bool IsActive);

public sealed record GroupItem(int Id, string Name, GroupKind Kind, int? ParentGroupId, string? ParentName, int? LocalAreaId, bool IsActive, int MemberCount);

public sealed record AreaItem(int Id, string Name, int? CoordinationGroupId, string? CoordinationGroupName);

/// <summary>The overview page in one read.</summary>
public sealed record OrganisationView(List<PartyItem> Parties, List<GroupItem> Groups, List<AreaItem> Areas);

/// <summary>A member of a group as the group page lists her (issue 16 #23): who, from which party, with what status.</summary>
public sealed record GroupMember(string UserId, string FullName, string PartyCode, bool IsAuthorityPerson, bool IsActive, GroupRole Role);

/// <summary>The party form: the party (null when creating or not found) and the input to start from.</summary>
public sealed record PartyForm(bool NotFound, PartyInput Input);

/// <summary>The group form: the groups and lokalområder to choose among, and the group's members.</summary>
public sealed record GroupForm(bool NotFound, GroupInput Input, List<GroupItem> Groups, List<AreaItem> Areas, List<GroupMember> Members);

/// <summary>The lokalområde form: the koordinationsgrupper to choose among.</summary>
public sealed record AreaForm(bool NotFound, AreaInput Input, List<GroupItem> Groups);

public sealed class PartyInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public bool IsPublicAuthority { get; set; }

    public bool IsActive { get; set; } = true;

    public string? ConcurrencyStamp { get; set; }
}

public sealed class PartyInputValidator : AbstractValidator<PartyInput>
{
    public PartyInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage(Texts.Validation_CodeRequiredParty)
            .MaximumLength(20).WithMessage(Texts.Validation_TooLong)
            .Matches("^[A-ZÆØÅ0-9+-]*$").WithMessage(Texts.Validation_PartyCodeFormat);
        RuleFor(x => x.Name).NotEmpty().WithMessage(Texts.Validation_NameRequired).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class GroupInput
{
    public string? Name { get; set; }

    public GroupKind? Kind { get; set; }

    public int? ParentGroupId { get; set; }

    public int? LocalAreaId { get; set; }

    public bool IsActive { get; set; } = true;

    public string? ConcurrencyStamp { get; set; }
}

public sealed class GroupInputValidator : AbstractValidator<GroupInput>
{
    public GroupInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(Texts.Validation_NameRequired).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.Kind).NotNull().WithMessage(Texts.Validation_GroupKindRequired)
            .Must(k => k is null || Enum.IsDefined(k.Value)).WithMessage(Texts.Validation_GroupKindRequired);
    }
}

public sealed class AreaInput
{
    public string? Name { get; set; }

    public int? CoordinationGroupId { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class AreaInputValidator : AbstractValidator<AreaInput>
{
    public AreaInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(Texts.Validation_NameRequired).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
    }
}
