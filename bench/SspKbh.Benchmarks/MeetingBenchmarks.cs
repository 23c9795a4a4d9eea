using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Meetings;
using SspKbh.Web.Security;

namespace SspKbh.Benchmarks;

/// <summary>
/// The meeting page with 30 agenda items (issue 13), on the generated database: the secretary of the koordinationsgruppe
/// with most cases opens a meeting of that group with 4 general items and 26 of its open cases. Measured: the first
/// interactive render in Chromium (navigation start until the circuit has rendered all 30 rows), a minutes save through
/// <see cref="MinutesService.SaveAsync"/> (the call the minutes page's save button makes in its own DI scope: the minutes,
/// the decision carried out on the case and the audit entries in one transaction; no SignalR), and the managed heap per
/// open circuit of the meeting page, against static tabs as in <see cref="BrowserCircuitBenchmarks"/>.
/// </summary>
internal static class MeetingBenchmarks
{
    public const int AgendaItems = 30;
    private const int GeneralItems = 4;

    public static async Task<int> RunAsync(bool quick, bool noMemory, bool gcdump)
    {
        var iterations = quick ? 20 : 60;
        var users = await BrowserUsers.PrepareAsync(BenchDatabase.RunPath);
        var meetingId = await PrepareMeetingAsync(users);
        await using var host = BrowserHost.Start(BenchDatabase.RunPath);
        await using var chromium = await Chromium.LaunchAsync(host.BaseUrl);
        var secretary = await chromium.SignInAsync(users.GroupMemberEmail, BrowserUsers.Password);
        var page = PageKind.Meeting(meetingId, AgendaItems);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Meeting benchmarks: app on {host.BaseUrl} (Kestrel, in this process, environment Production), headless Chromium; {iterations} iterations; " +
            $"secretary {users.GroupMemberEmail} of group {users.Scenario.GroupId}; meeting {meetingId} with {AgendaItems} agenda items."));

        if (gcdump)
        {
            // Only the heap per circuit, with the types that make it up (what the meeting page keeps per circuit).
            BrowserCircuitBenchmarks.PrintMemory([await BrowserCircuitBenchmarks.MemoryPerCircuitAsync(host, secretary, page, page.Name, gcdump: true)]);
            return 0;
        }

        // 1. First interactive render: navigation start until the circuit has rendered the 30 agenda rows (browser clock),
        //    each beside the group's busiest case page opened right after it, so the ratio holds whatever the machine's load.
        var firstRender = new List<TimeSpan>();
        var firstByte = new List<TimeSpan>();
        var caseRender = new List<TimeSpan>();
        var casePage = PageKind.CasePage(users.CaseId);
        for (var i = 0; i < iterations + 3; i++)
        {
            var (tab, shownAt) = await Chromium.OpenAsync(secretary, page);
            var (responseStart, _) = await Chromium.NavigationTimingAsync(tab);
            await tab.CloseAsync();
            var (caseTab, caseShownAt) = await Chromium.OpenAsync(secretary, casePage);
            await caseTab.CloseAsync();
            if (i >= 3)
            {
                firstRender.Add(TimeSpan.FromMilliseconds(shownAt));
                firstByte.Add(TimeSpan.FromMilliseconds(responseStart));
                caseRender.Add(TimeSpan.FromMilliseconds(caseShownAt));
            }
        }

        await host.Circuits.WaitForAsync(0, TimeSpan.FromSeconds(60));

        // 2. Minutes saves, rotating over the 26 case items: the first save of each carries out its decision
        //    ("keep the level") on the case, later ones change the summary.
        //    Cheap enough to do 80 times even in a quick run, so both kinds have samples.
        var saves = await MinutesSavesAsync(host, users.GroupMemberEmail, meetingId, 80);

        var memory = noMemory ? null : await BrowserCircuitBenchmarks.MemoryPerCircuitAsync(host, secretary, page, page.Name, gcdump: false);

        Console.WriteLine();
        Console.WriteLine("| measurement | median (ms) | p95 (ms) | goal |");
        Console.WriteLine("|---|---:|---:|---|");
        CircuitBenchmarks.Row($"First interactive render, meeting page with {AgendaItems} agenda items (navigation start → rows from the circuit)", firstRender, "");
        CircuitBenchmarks.Row("  of which until the document's first byte (prerender)", firstByte, "");
        CircuitBenchmarks.Row($"First interactive render, {casePage.Name} (the same user, opened after each meeting page)", caseRender, "");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Meeting page ÷ case page, first interactive render | {CircuitBenchmarks.Median(firstRender) / CircuitBenchmarks.Median(caseRender):F2}× | {CircuitBenchmarks.P95(firstRender) / CircuitBenchmarks.P95(caseRender):F2}× | |"));
        CircuitBenchmarks.Row("Minutes save (MinutesService.SaveAsync: minutes, decision on the case, audit; one transaction)", saves.All, "");
        CircuitBenchmarks.Row("  of which first saves (decision carried out on the case)", saves.First, "");
        CircuitBenchmarks.Row("  of which later saves (summary only)", saves.Later, "");
        if (memory is not null)
        {
            Console.WriteLine();
            BrowserCircuitBenchmarks.PrintMemory([memory]);
        }

        return 0;
    }

    private sealed record Saves(List<TimeSpan> All, List<TimeSpan> First, List<TimeSpan> Later);

    private static async Task<Saves> MinutesSavesAsync(BrowserHost host, string email, int meetingId, int iterations)
    {
        ClaimsPrincipal user;
        List<int> items;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
            user = await factory.CreateAsync((await users.FindByEmailAsync(email))!);
            var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
            items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId && i.CaseId != null).OrderBy(i => i.Position).Select(i => i.Id).ToListAsync();
        }

        var saves = new Saves([], [], []);
        var saved = new HashSet<int>();
        for (var i = 0; i < iterations + 5; i++)
        {
            var itemId = items[i % items.Count];
            await using var scope = host.Services.CreateAsyncScope();
            var minutes = scope.ServiceProvider.GetRequiredService<MinutesService>();
            var (_, _, item) = await minutes.GetItemAsync(meetingId, itemId, user, CancellationToken.None);
            var input = new MinutesInput
            {
                Summary = string.Create(CultureInfo.InvariantCulture, $"Drøftet på mødet, runde {i}."),
                Decision = MeetingDecision.KeepLevel,
                ConcurrencyStamp = item!.ConcurrencyStamp,
            };
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await minutes.SaveAsync(meetingId, itemId, input, user, CancellationToken.None);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The minutes save of item {itemId} was refused: {string.Join("; ", result.Result.GeneralErrors)}");
            }

            if (i < 5)
            {
                saved.Add(itemId);
                continue; // warm-up
            }

            saves.All.Add(elapsed);
            (saved.Add(itemId) ? saves.First : saves.Later).Add(elapsed);
        }

        return saves;
    }

    /// <summary>
    /// Makes the one-group user the group's secretary and plans a meeting of the group, held yesterday (minutes may be
    /// written), with its members as attendees, <see cref="GeneralItems"/> general items and the group's newest open cases.
    /// </summary>
    private static async Task<int> PrepareMeetingAsync(BrowserUsers users)
    {
        await using var app = BenchApp.Build(BenchDatabase.RunPath);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var secretary = (await userManager.FindByEmailAsync(users.GroupMemberEmail))!;
        var groupId = users.Scenario.GroupId;
        var membership = await db.GroupMemberships.SingleAsync(m => m.UserId == secretary.Id && m.GroupId == groupId);
        membership.Role = GroupRole.Secretary;

        var meeting = new Meeting
        {
            GroupId = groupId,
            Date = DateOnly.FromDateTime(DateTime.Today).AddDays(-1),
            StartTime = new TimeOnly(9, 0),
            Place = "Mødelokale 2",
            CreatedByUserId = secretary.Id,
            CreatedAtUtc = DateTime.UtcNow,
        };
        var members = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.FullName, u.PartyId, u.IsAuthorityPerson }).ToListAsync();
        foreach (var m in members.DistinctBy(m => m.Id))
        {
            meeting.Attendees.Add(new MeetingAttendee { UserId = m.Id, Name = m.FullName, PartyId = m.PartyId, IsAuthorityPerson = m.IsAuthorityPerson });
        }

        for (var i = 1; i <= GeneralItems; i++)
        {
            meeting.AddItem(AgendaItem.General(string.Create(CultureInfo.InvariantCulture, $"Punkt {i}")));
        }

        var cases = await db.Cases.AsNoTracking().Where(c => c.CoordinationGroupId == groupId && c.Status != CaseStatus.Closed)
            .OrderByDescending(c => c.Id).Select(c => c.Id).Take(AgendaItems - GeneralItems).ToListAsync();
        foreach (var caseId in cases)
        {
            meeting.AddItem(AgendaItem.ForCase(caseId, AgendaReason.None));
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        SqliteConnection.ClearAllPools();
        return meeting.Id;
    }
}
