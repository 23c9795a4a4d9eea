using SspKbh.Domain.Cases;
using SspKbh.Web.Resources;
using SspKbh.Web.Components.Shared;

namespace SspKbh.Web.Features.Cases;

/// <summary>Danish texts for case enums and rule errors.</summary>
public static class CaseTexts
{
    public static string Level(CaseLevel level) => Get("CaseLevel_" + level) ?? level.ToString();

    public static string LevelMeaning(CaseLevel level) => Get("CaseLevelMeaning_" + level) ?? "";

    public static string Status(CaseStatus status) => Get("CaseStatus_" + status) ?? status.ToString();

    public static string Source(CaseSource source) => Get("CaseSource_" + source) ?? source.ToString();

    public static string CloseReason(CloseReason reason) => Get("CloseReason_" + reason) ?? reason.ToString();

    public static string ActionStatus(ActionStatus status) => Get("ActionStatus_" + status) ?? status.ToString();

    /// <summary>"Fill in «School and absence»: required at levels 3 and 4" — names the field, so the summary lists each one.</summary>
    public static string FormFieldRequired(string formField) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.Case_Validation_FormFieldRequired, Get("Case_Form_" + formField) ?? formField);

    public static string Factor(string code) => Get("Factor_" + code) ?? code;

    public static string FactorDomain(FactorDomain domain) => Get("FactorDomain_" + domain) ?? domain.ToString();

    public static string AgeBand(AgeBand band) => Get("AgeBand_" + band) ?? band.ToString();

    public static string Sort(CaseSort sort) => Get("CaseSort_" + sort) ?? sort.ToString();

    public static string Error(string key) => RoleNames.Error(key);

    private static string? Get(string key) => Texts.ResourceManager.GetString(key, Texts.Culture);
}
