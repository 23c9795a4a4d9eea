using System.Diagnostics.Metrics;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// The case list's own measure of a change of view on the server (issue 12's goal, docs/performance.md): from the
/// new address reaching the page in its circuit until the render batch with the new rows has been built and handed
/// to the connection. Reported on the meter <see cref="MeterName"/> as the histogram <see cref="ViewChangeName"/>
/// (seconds), without tags: the filter's values never go into a metric (a search holds a name or a CPR number).
/// </summary>
public sealed class CaseListMetrics
{
    public const string MeterName = "SspKbh.Web";
    public const string ViewChangeName = "sspkbh.case_list.view_change.duration";

    private readonly Histogram<double> viewChange;

    public CaseListMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        viewChange = meter.CreateHistogram<double>(ViewChangeName, unit: "s",
            description: "Case list: address changed in the circuit until the new rows are rendered and sent.");
    }

    public void ViewChanged(TimeSpan elapsed) => viewChange.Record(elapsed.TotalSeconds);
}
