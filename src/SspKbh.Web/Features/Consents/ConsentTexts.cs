using System.Globalization;
using SspKbh.Domain.Consents;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Consents;

/// <summary>Danish wording of consent values (keys in Texts.resx).</summary>
public static class ConsentTexts
{
    public static string Purpose(ConsentPurpose purpose) => Get("ConsentPurpose_" + purpose) ?? purpose.ToString();

    public static string Information(ConsentInformation information) =>
        string.Join(", ", new[] { ConsentInformation.Identity, ConsentInformation.GoalsAndActions }
            .Where(i => information.HasFlag(i)).Select(i => Get("ConsentInformation_" + i) ?? i.ToString()));

    public static string Giver(ConsentView consent) => consent.GivenBy == ConsentGiver.CustodyHolder
        ? string.Format(CultureInfo.CurrentCulture, Texts.Consent_GivenByCustodyHolder, consent.CustodyHolderName ?? "")
        : Texts.Consent_GivenByYoungPerson;

    public static string State(ConsentView consent) => consent.State switch
    {
        ConsentState.Withdrawn => string.Format(CultureInfo.CurrentCulture, Texts.ConsentState_Withdrawn, consent.WithdrawnOn?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
        _ => Get("ConsentState_" + consent.State) ?? consent.State.ToString(),
    };

    private static string? Get(string key) => Texts.ResourceManager.GetString(key, Texts.Culture);
}
