namespace SspKbh.Tests.Shared;

/// <summary>
/// The route templates of every Interactive Server page. The §115 leak test in Chromium
/// (SspKbh.E2E.BoundaryBrowserTests) visits each of them as every non-authority demo user, and
/// SspKbh.Web.Tests.InteractiveRouteListTests fails when a page becomes interactive without being listed
/// here, so no converted page escapes the leak test. Route parameters are filled with every id of their kind (see
/// BoundaryBrowserTests.IdsOfParameter): <c>{Id:int}</c> with every case id, every conversation id under /samtaler, every meeting id under /moeder,
/// and a minutes page with every agenda item of every meeting.
/// </summary>
public static class InteractiveRoutes
{
    public static readonly IReadOnlyList<string> All =
    [
        "/",
        "/delt",
        "/delt/{ConsentId:int}",
        "/admin/audit",
        "/admin/audit/indsigt",
        "/admin/audit/indsigt/{YoungPersonId:int}",
        "/admin/tjeklister",
        "/admin/tjeklister/version/{Version:int}",
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
        "/sager/{Id:int}/samtaler/ny",
        "/samtaler",
        "/samtaler/{Id:int}",
        "/samtaler/{Id:int}/foer",
        "/samtaler/{Id:int}/under",
        "/samtaler/{Id:int}/efter",
        "/statistik",
        "/moeder",
        "/moeder/grupper/{GroupId:int}",
        "/moeder/ledergrupper/{LeaderGroupId:int}",
        "/moeder/{Id:int}",
        "/moeder/{Id:int}/punkter/{ItemId:int}",
    ];
}
