using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Statistics;

/// <summary>The Danish names of the measures and breakdowns, and the short codes the page's test ids use.</summary>
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

    public static string Title(StatisticsBreakdownKind kind) => kind switch
    {
        StatisticsBreakdownKind.Source => Texts.Statistics_Source,
        StatisticsBreakdownKind.CloseReason => Texts.Statistics_CloseReason,
        _ => Texts.Statistics_Conversations,
    };

    public static string Explanation(StatisticsBreakdownKind kind) => kind switch
    {
        StatisticsBreakdownKind.Source => Texts.Statistics_SourceExplained,
        StatisticsBreakdownKind.CloseReason => Texts.Statistics_CloseReasonExplained,
        _ => Texts.Statistics_ConversationsExplained,
    };

    public static string Code(StatisticsBreakdownKind kind) => kind switch
    {
        StatisticsBreakdownKind.Source => "source",
        StatisticsBreakdownKind.CloseReason => "close-reason",
        _ => "conversations",
    };
}
