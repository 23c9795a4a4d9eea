using FluentValidation;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Account;

public sealed class LoginInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage(Texts.Validation_EmailRequired).MaximumLength(256).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.Password).NotEmpty().WithMessage(Texts.Validation_PasswordRequired).MaximumLength(256).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class TwoFactorCodeInput
{
    public string? Code { get; set; }
}

public sealed class TwoFactorCodeInputValidator : AbstractValidator<TwoFactorCodeInput>
{
    public TwoFactorCodeInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage(Texts.Validation_CodeRequired)
            .Must(c => c is null || AccountHelpers.NormalizeCode(c).Length == 6 && AccountHelpers.NormalizeCode(c).All(char.IsAsciiDigit))
            .WithMessage(Texts.Validation_CodeFormat);
    }
}

public static class AccountHelpers
{
    /// <summary>Authenticator apps show the code as "123 456"; accept spaces and dashes.</summary>
    public static string NormalizeCode(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>Only local paths are followed after sign-in (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/";
}
