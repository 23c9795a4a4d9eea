using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Statistics;

/// <summary>The Danish names of the measures, and the short codes the page's test ids use.</summary>
public static class StatisticsTexts
{
    public static string Title(StatisticsMeasure measure) => measure switch
    {
        StatisticsMeasure.New => Texts.Statistics_New,
        StatisticsMeasure.Active => Texts.Statistics_Active,
        _ => Texts.Statistics_Closed,
    };

    public static string Explanation(StatisticsMeasure measure) => measure switch
    {
        StatisticsMeasure.New => Texts.Statistics_NewExplained,
        StatisticsMeasure.Active => Texts.Statistics_ActiveExplained,
        _ => Texts.Statistics_ClosedExplained,
    };

    public static string Code(StatisticsMeasure measure) => measure switch
    {
        StatisticsMeasure.New => "new",
        StatisticsMeasure.Active => "active",
        _ => "closed",
    };
}
