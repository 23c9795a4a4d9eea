using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;
using SspKbh.Web.Security;

namespace SspKbh.Benchmarks;

/// <summary>
/// Issue 15's durability check (<c>--kill9</c>): the app as built (<c>SspKbh.Web.dll</c>, its own process, environment
/// Production) on this run's copy of the bench database; 16 workers, each signed in as a different generated staff
/// member, alternate <c>GET /sager</c> and <c>GET /sager/{id}</c> (cases of their own koordinationsgruppe) and record every
/// 200 answer; the process is killed with SIGKILL mid-load, started again (it must come up and serve), stopped, and then:
/// every served view must have its audit entry, and <c>verify-audit</c> must report the chain intact.
/// <para>
/// Matching. The entry's correlation id is the request's trace id plus an operation id, and the answer does not carry
/// the trace id, so answers are matched by who, what and when: an entry of the same user, the same action and subject
/// (the case page: <c>case.view</c> with the case's id; the list: <c>case.list</c> whose listed ids are exactly the case
/// links in the served page), written between the request's start and its answer. Each worker is one user sending one
/// request at a time, so a user's request windows do not overlap and each entry can match one answer only; every match
/// is used once, and the matched entries' correlation ids are checked to be distinct.
/// </para>
/// </summary>
internal static partial class KillDurabilityBenchmark
{
    private const int Workers = 16;
    private const int Port = 5062;

    public static async Task<int> RunAsync(bool quick)
    {
        var database = BenchDatabase.RunPath;
        var people = await PreparePeopleAsync(database);
        var app = AppProcess.Sqlite(database);
        var baseUrl = new Uri($"http://127.0.0.1:{Port}/");
        File.Delete(database + AuditAnchorFile.Suffix);
        Console.WriteLine($"App: {AppProcess.Dll}; database {database}; {Workers} workers, each a different user.");

        var server = app.Start(Port, database + ".kill9-first.log");
        var startup = await AppProcess.WaitForHealthAsync(baseUrl, server);
        Console.WriteLine($"Started in {startup.TotalSeconds:F1} s.");
        var clients = new List<HttpClient>();
        foreach (var person in people)
        {
            clients.Add(await LoadGenerator.SignInAsync(baseUrl, person.Email, BrowserUsers.Password));
        }

        // Warm-up (a fresh process compiles the pages on first use): each worker opens the list and one case page once.
        // Their entries come before the head read below and are not part of the check.
        var warmUp = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            foreach (var path in new[] { "sager", string.Create(CultureInfo.InvariantCulture, $"sager/{people[worker].CaseIds[0]}") })
            {
                using var response = await clients[worker].GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"Warm-up: GET /{path} answered {(int)response.StatusCode}.");
                }
            }
        }));
        Console.WriteLine($"Warm-up (list and case page per worker): {warmUp.Elapsed.TotalSeconds:F1} s.");

        var headBefore = await RatioBenchmarks.HeadAsync(database);
        var served = new ConcurrentBag<Served>();
        var failures = 0;
        var killed = 0;
        var loadFor = TimeSpan.FromSeconds(quick ? 15 : 30);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var person = people[worker];
            for (var n = 0; Volatile.Read(ref killed) == 0; n++)
            {
                var caseId = n % 2 == 1 ? person.CaseIds[(n / 2) % person.CaseIds.Count] : (int?)null;
                var path = caseId is { } id ? string.Create(CultureInfo.InvariantCulture, $"sager/{id}") : "sager";
                var started = DateTime.UtcNow;
                try
                {
                    using var response = await clients[worker].GetAsync(path);
                    var html = await response.Content.ReadAsStringAsync();
                    var answered = DateTime.UtcNow;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var listed = caseId is null ? CaseLinks().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet() : [];
                        served.Add(new Served(worker, person.UserId, caseId, listed, started, answered));
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (Exception) when (Volatile.Read(ref killed) == 1)
                {
                    // The answer in flight when the process died: not served.
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        await Task.Delay(loadFor);
        var servedAtKill = served.Count;
        Volatile.Write(ref killed, 1);
        server.Kill(); // SIGKILL on Linux
        await server.WaitForExitAsync();
        var killedAt = DateTime.UtcNow;
        await Task.WhenAll(workers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Killed with SIGKILL after {loadFor.TotalSeconds:F0} s of load (exit code {server.ExitCode}); {served.Count} views served ({servedAtKill} when the kill was sent), {failures} non-200 answers before it; load {RatioBenchmarks.Load()}."));

        // Start again on the same file: it must come up and serve (a page view writes its entry after the crash).
        var restart = app.Start(Port, database + ".kill9-restart.log");
        var again = await AppProcess.WaitForHealthAsync(baseUrl, restart);
        using (var check = await LoadGenerator.SignInAsync(baseUrl, people[0].Email, BrowserUsers.Password))
        using (var response = await check.GetAsync("sager"))
        {
            Console.WriteLine($"Restarted in {again.TotalSeconds:F1} s; GET /sager after the restart: {(int)response.StatusCode}.");
        }

        await AppProcess.StopAsync(restart);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var entries = await EntriesAfterAsync(database, headBefore);
        var report = Match(served.OrderBy(s => s.Started).ToList(), entries, killedAt);
        var verify = await app.RunCommandAsync("verify-audit");
        Console.WriteLine($"verify-audit: exit code {verify.ExitCode}: {verify.Output.Trim()}");
        var ok = report.Unmatched == 0 && verify.ExitCode == 0 && report.Served > 0;
        Console.WriteLine(ok ? "Durability: every served view has its audit entry; the chain is intact." : "Durability: FAILED (see above).");
        return ok ? 0 : 1;
    }

    private static MatchReport Match(IReadOnlyList<Served> served, IReadOnlyList<Entry> entries, DateTime killedAt)
    {
        var slack = TimeSpan.FromMilliseconds(5);
        var used = new HashSet<long>();
        var unmatched = new List<Served>();
        var byUser = entries.Where(e => e.OccurredAtUtc <= killedAt).GroupBy(e => e.UserId ?? "").ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());
        var listMismatch = 0;
        var matchedCorrelations = new List<string?>();
        foreach (var view in served)
        {
            var candidates = byUser.GetValueOrDefault(view.UserId) ?? [];
            var match = candidates.FirstOrDefault(e => !used.Contains(e.Sequence)
                && e.OccurredAtUtc >= view.Started - slack && e.OccurredAtUtc <= view.Answered + slack
                && (view.CaseId is { } id
                    ? e.Action == AuditActions.CaseView && e.SubjectId == id.ToString(CultureInfo.InvariantCulture)
                    : e.Action == AuditActions.CaseList && e.Listed.SetEquals(view.Listed)));
            if (match is null && view.CaseId is null)
            {
                // Say so if a list entry is there but with other ids than the page showed.
                var loose = candidates.FirstOrDefault(e => !used.Contains(e.Sequence) && e.Action == AuditActions.CaseList
                    && e.OccurredAtUtc >= view.Started - slack && e.OccurredAtUtc <= view.Answered + slack);
                if (loose is not null)
                {
                    listMismatch++;
                }
            }

            if (match is null)
            {
                unmatched.Add(view);
                continue;
            }

            used.Add(match.Sequence);
            matchedCorrelations.Add(match.CorrelationId);
        }

        var lists = served.Count(s => s.CaseId is null);
        var pages = served.Count - lists;
        var distinctCorrelations = matchedCorrelations.Where(c => c is not null).Distinct().Count();
        var loadEntries = entries.Count(e => e.OccurredAtUtc <= killedAt);
        Console.WriteLine();
        Console.WriteLine("| | count |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| views served (200) before the kill | {served.Count} (list {lists}, case page {pages}) |");
        Console.WriteLine($"| matched to their own audit entry | {served.Count - unmatched.Count} |");
        Console.WriteLine($"| served views without an entry | {unmatched.Count} |");
        Console.WriteLine($"| of those: a list entry in the window with other ids than the page | {listMismatch} |");
        Console.WriteLine($"| distinct correlation ids among the matched entries | {distinctCorrelations} |");
        Console.WriteLine($"| entries written during the load | {loadEntries} |");
        Console.WriteLine($"| entries with no served view (answers in flight at the kill, at most one per worker) | {loadEntries - used.Count} |");
        Console.WriteLine($"| entries after the restart | {entries.Count - loadEntries} |");
        foreach (var view in unmatched.Take(10))
        {
            Console.WriteLine($"  unmatched: worker {view.Worker}, {(view.CaseId is { } c ? "case " + c : "list")}, {view.Started:O} → {view.Answered:O}");
        }

        return new MatchReport(served.Count, unmatched.Count);
    }

    /// <summary>16 generated staff members of koordinationsgrupper (round robin over the groups), each with 8 of their group's newest cases.</summary>
    private static async Task<List<Person>> PreparePeopleAsync(string database)
    {
        await using var app = BenchApp.Build(database);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var coordination = await db.Groups.AsNoTracking().Where(g => g.Kind == GroupKind.CoordinationGroup && g.IsActive).Select(g => g.Id).OrderBy(id => id).ToListAsync();
        var memberships = await db.GroupMemberships.AsNoTracking().Where(m => coordination.Contains(m.GroupId)).OrderBy(m => m.Id).ToListAsync();
        var people = new List<Person>();
        var taken = new HashSet<string>();
        for (var round = 0; people.Count < Workers && round < 100; round++)
        {
            foreach (var groupId in coordination)
            {
                var membership = memberships.Where(m => m.GroupId == groupId && !taken.Contains(m.UserId)).Skip(0).FirstOrDefault();
                if (membership is null || people.Count == Workers)
                {
                    continue;
                }

                taken.Add(membership.UserId);
                var user = await userManager.FindByIdAsync(membership.UserId);
                if (user is null || !user.IsActive || user.Email?.EndsWith("@" + DataGenerator.StaffEmailDomain, StringComparison.Ordinal) != true)
                {
                    continue;
                }

                var cases = await db.Cases.AsNoTracking().Where(c => c.CoordinationGroupId == groupId).OrderByDescending(c => c.Id).Select(c => c.Id).Take(8).ToListAsync();
                if (!await userManager.HasPasswordAsync(user))
                {
                    Check(await userManager.AddPasswordAsync(user, BrowserUsers.Password));
                }

                Check(await userManager.SetTwoFactorEnabledAsync(user, false));
                people.Add(new Person(user.Id, user.Email, cases));
            }
        }

        if (people.Count < Workers)
        {
            throw new InvalidOperationException($"Only {people.Count} generated staff members found.");
        }

        SqliteConnection.ClearAllPools();
        return people;

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Could not prepare a user: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }
        }
    }

    private static async Task<List<Entry>> EntriesAfterAsync(string database, long head)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var listed = new Dictionary<long, HashSet<int>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT AuditSequence, SubjectId FROM AuditEntrySubjects WHERE AuditSequence > $head";
            command.Parameters.AddWithValue("$head", head);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var sequence = reader.GetInt64(0);
                if (!listed.TryGetValue(sequence, out var ids))
                {
                    listed[sequence] = ids = [];
                }

                ids.Add(int.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
            }
        }

        var entries = new List<Entry>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Sequence, UserId, Action, SubjectId, OccurredAtUtc, CorrelationId FROM AuditEntries WHERE Sequence > $head ORDER BY Sequence";
            command.Parameters.AddWithValue("$head", head);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var sequence = reader.GetInt64(0);
                entries.Add(new Entry(sequence, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc), reader.IsDBNull(5) ? null : reader.GetString(5), listed.GetValueOrDefault(sequence) ?? []));
            }
        }

        return entries;
    }

    [GeneratedRegex("href=\"/sager/(\\d+)\"")]
    private static partial Regex CaseLinks();

    private sealed record Person(string UserId, string Email, IReadOnlyList<int> CaseIds);

    private sealed record Served(int Worker, string UserId, int? CaseId, HashSet<int> Listed, DateTime Started, DateTime Answered);

    private sealed record Entry(long Sequence, string? UserId, string Action, string? SubjectId, DateTime OccurredAtUtc, string? CorrelationId, HashSet<int> Listed);

    private sealed record MatchReport(int Served, int Unmatched);
}
