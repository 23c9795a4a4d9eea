namespace SspKbh.Tests.Shared;

/// <summary>
/// The route templates of every Interactive Server page. The §115 leak test in Chromium
/// (SspKbh.E2E.BoundaryBrowserTests) visits each of them as every non-authority demo user, and
/// SspKbh.Web.Tests.InteractiveRouteListTests fails when a page becomes interactive without being listed
/// here, so no converted page escapes the leak test. <c>{Id:int}</c> is filled with every case id.
/// </summary>
public static class InteractiveRoutes
{
    public static readonly IReadOnlyList<string> All =
    [
        "/",
        "/admin/brugere",
        "/admin/brugere/ny",
        "/admin/brugere/{Id}",
        "/admin/frister",
        "/admin/organisation",
        "/admin/organisation/grupper/ny",
        "/admin/organisation/grupper/{Id:int}",
        "/admin/organisation/omraader/{Id:int}",
        "/admin/organisation/parter/ny",
        "/admin/organisation/parter/{Id:int}",
        "/sager",
        "/sager/ny",
        "/sager/{Id:int}",
        "/statistik",
    ];
}
