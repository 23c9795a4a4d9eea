using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Demo;

/// <summary>
/// Demo users, one per role (Development only; listed in README.md). Fictional people.
/// The demo data names groups, parties and lokalområder as the organisation seeder made them. An administrator may
/// rename or remove them afterwards, so a name that is gone never stops the app: what needs it is skipped, with a
/// warning that says what (names of the organisation only, never of a person).
/// </summary>
public sealed class DemoDataSeeder(SspDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string DemoPassword = "Demo-kodeord-2026";

    public sealed record DemoUser(string Email, string FullName, string Party, AppRole[] Roles, (string Group, GroupRole Role)[] Groups);

    public static readonly DemoUser[] Users =
    [
        new("admin@sspkbh.dk", "Birgit Holm", "SSP", [AppRole.Administrator], []),
        new("sekretaer@sspkbh.dk", "Sofie Lund", "SOF", [AppRole.Secretary, AppRole.AuthorityMember],
            [("Koordinationsgruppe Amager Øst", GroupRole.Secretary)]),
        new("myndighed@sspkbh.dk", "Jonas Krag", "POL", [AppRole.AuthorityMember],
            [("Koordinationsgruppe Amager Øst", GroupRole.Member), ("Koordinationsgruppe Amager Vest", GroupRole.Member)]),
        new("leder@sspkbh.dk", "Mette Vang", "BUF", [AppRole.LeaderGroupMember],
            [("SSP-ledergruppe Amager", GroupRole.Chair)]),
        new("ikke-myndighed@sspkbh.dk", "Ali Hassan", "BOLIG", [AppRole.NonAuthorityMember],
            [("Lokaludvalg Amager Øst", GroupRole.Member)]),
        new("fritid@sspkbh.dk", "Camilla Brandt", "ANDRE", [AppRole.NonAuthorityMember],
            [("Lokaludvalg Sundby", GroupRole.Member)]),
        new("statistik@sspkbh.dk", "Peter Dahl", "SSP", [AppRole.StatisticsReader], []),
        // Receives the cases Koordinationsgruppe Amager Øst hands over to SSP+ (ADR 0030).
        new("ssp-plus@sspkbh.dk", "Rasmus Friis", "BIF", [AppRole.AuthorityMember],
            [("SSP+ koordinationsgruppe", GroupRole.Member)]),
        // The SSP-stabsansvarlig who facilitates every koordinationsgruppe: sees all their cases (issue 15 #6), so the
        // all-groups path is tried by hand as the benchmarks' all-groups user tries it.
        new("stab@sspkbh.dk", "Vibeke Østergaard", "SSP", [AppRole.AuthorityMember],
            [.. OrganisationSeeder.CoordinationGroupNames.Select(g => (g, GroupRole.SspStaffLead))]),
    ];

    /// <summary>The koordinationsgruppe the demo secretary runs, with the demo meeting.</summary>
    private const string DemoGroup = "Koordinationsgruppe Amager Øst";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Name, g => g.Id, cancellationToken);
        foreach (var demo in Users)
        {
            if (await users.FindByEmailAsync(demo.Email) is not null)
            {
                continue;
            }

            if (Find(parties, demo.Party, "party", $"demo user {demo.Email}") is not { } partyId)
            {
                continue;
            }

            var user = new AppUser
            {
                UserName = demo.Email,
                Email = demo.Email,
                EmailConfirmed = true,
                FullName = demo.FullName,
                PartyId = partyId,
                IsAuthorityPerson = AccessRules.IsAuthorityPerson(demo.Roles),
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create demo user: " + string.Join("; ", created.Errors.Select(e => e.Code)));
            }

            await users.AddToRolesAsync(user, demo.Roles.Select(r => r.ToString()));
            foreach (var (group, role) in demo.Groups)
            {
                if (Find(groups, group, "group", $"membership of demo user {demo.Email}") is { } groupId)
                {
                    db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, UserId = user.Id, Role = role });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await SeedCasesAsync(parties, groups, cancellationToken);
        await SeedMeetingAsync(groups, cancellationToken);
        await SeedConversationAsync(parties, cancellationToken);
    }

    /// <summary>
    /// A concern conversation the koordinationsgruppe offered Freja Nielsen's family: planned at her school
    /// in five days, with the group's secretary (Sofie Lund, SOF) responsible, Freja and both parents taking part.
    /// </summary>
    private async Task SeedConversationAsync(Dictionary<string, int> parties, CancellationToken cancellationToken)
    {
        if (await db.ConcernConversations.AnyAsync(cancellationToken))
        {
            return;
        }

        var secretary = await users.FindByEmailAsync("sekretaer@sspkbh.dk");
        var freja = await db.Cases.AsNoTracking().Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Freja Nielsen"))
            .Select(c => new { c.Id, c.Level, c.YoungPersonId }).FirstOrDefaultAsync(cancellationToken);
        var template = await db.ChecklistTemplates.AsNoTracking().OrderByDescending(t => t.Version).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (secretary is null || freja is null || template is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = ConcernConversation.Create(freja.Id, null, secretary.Id, freja.Level, template.Value, secretary.Id, now);
        record.Place = ConversationPlace.School;
        record.PlaceDetails = "Lergravsparkens Skole, mødelokalet ved kontoret";
        record.ScheduledDate = DanishTime.Today(clock).AddDays(5);
        record.StartTime = new TimeOnly(14, 0);
        record.QuestionsAndThemes = "Fraværet siden sommerferien; hvem hun er sammen med om aftenen; hvad hun selv har lyst til i fritiden.";
        var holders = await db.CustodyHolders.AsNoTracking().Where(h => h.YoungPersonId == freja.YoungPersonId).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        record.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.YoungPerson, Name = "Freja Nielsen" });
        foreach (var holder in holders)
        {
            record.Participants.Add(new ConversationParticipant { Kind = ParticipantKind.CustodyHolder, Name = holder.FullName });
        }

        record.Participants.Add(new ConversationParticipant
        {
            Kind = ParticipantKind.Professional, Name = secretary.FullName, UserId = secretary.Id, PartyId = secretary.PartyId, IsAuthorityPerson = true,
            Contribution = "Leder samtalen og kender familien fra skolen.",
        });
        db.ConcernConversations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The next meeting of Koordinationsgruppe Amager Øst, agenda sent out, with the housing worker
    /// (no authority status) as a guest for the general part.
    /// </summary>
    private async Task SeedMeetingAsync(Dictionary<string, int> groups, CancellationToken cancellationToken)
    {
        if (Find(groups, DemoGroup, "group", "demo meeting") is not { } groupId
            || await db.Meetings.AnyAsync(m => m.GroupId == groupId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var secretary = await users.FindByEmailAsync("sekretaer@sspkbh.dk");
        var meeting = new Meeting
        {
            GroupId = groupId,
            Date = DanishTime.Today(clock).AddDays(3),
            StartTime = new TimeOnly(9, 0),
            Place = "Sundby Skole, mødelokale 2",
            CreatedByUserId = secretary?.Id ?? "",
            CreatedAtUtc = now,
            AgendaPublishedAtUtc = now,
        };
        var members = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.FullName, u.PartyId, u.IsAuthorityPerson })
            .ToListAsync(cancellationToken);
        foreach (var m in members)
        {
            meeting.Attendees.Add(new MeetingAttendee { UserId = m.Id, Name = m.FullName, PartyId = m.PartyId, IsAuthorityPerson = m.IsAuthorityPerson });
        }

        var guest = await users.FindByEmailAsync("ikke-myndighed@sspkbh.dk");
        if (guest is not null)
        {
            meeting.Attendees.Add(new MeetingAttendee { UserId = guest.Id, Name = guest.FullName, PartyId = guest.PartyId, IsAuthorityPerson = false, IsGuest = true });
        }

        meeting.AddItem(AgendaItem.General("Velkomst og godkendelse af dagsorden"));
        meeting.AddItem(AgendaItem.General("Uro ved indkøbscentret om aftenen: status fra politi og gadeplan"));
        meeting.AddItem(AgendaItem.General("Eventuelt"));
        var cases = await db.Cases.AsNoTracking().Where(c => c.CoordinationGroupId == groupId && c.Status != CaseStatus.Closed)
            .OrderByDescending(c => c.Level).ThenBy(c => c.Id).Select(c => c.Id).Take(4).ToListAsync(cancellationToken);
        foreach (var caseId in cases)
        {
            meeting.AddItem(AgendaItem.ForCase(caseId, AgendaReason.NewCase));
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record DemoCase(
        string Name, string BirthDate, string? Cpr, string Area, string? School, string? Club, string[] Custody,
        CaseLevel Level, CaseSource Source, string RaisedByParty, int DaysAgo, string Concern, bool NamedLead, LevelForm? Form);

    // Fictional young people whose stories follow the worked cases in SSP København's material.
    private static readonly DemoCase[] Cases =
    [
        new("Yusuf Amin", "2012-06-14", "140612-4117", "Amager Øst", "Sundby Skole, 8. klasse", null, ["Leila Amin (mor)"],
            CaseLevel.CrimeDangerousToPersons, CaseSource.PoliceLevelReport, "POL", 5,
            "Anholdt sammen med to ældre venner for et røveri med vold mod en jævnaldrende. Har haft langt fravær fra skolen og er stoppet i klubben og til fodbold.",
            true, new LevelForm(
                "Røveri med vold sammen med to ældre venner. Storebror er kendt af politiet.",
                "Stort fravær gennem flere måneder; skolen har svært ved at få kontakt til hjemmet.",
                "Er holdt op i klubben og til fodbold i løbet af det seneste halve år.",
                "Familien mangler overskud; mor er alene med fire børn. Socialforvaltningen har startet en børnefaglig undersøgelse.",
                "Omgås ældre unge fra bebyggelsen, som politiet kender.",
                "Var niveau 1-sag i lokaludvalget for et år siden (uheldige grupperinger); samtale med skolen.")),
        new("Freja Nielsen", "2014-02-03", null, "Amager Øst", "Lergravsparkens Skole, 6. klasse", "Fritidscenter Øst", ["Jens Nielsen (far)", "Karin Nielsen (mor)"],
            CaseLevel.WorryingBehaviour, CaseSource.School, "BUF", 12,
            "Stigende fravær siden sommerferien og ses ofte sent om aftenen ved indkøbscentret sammen med ældre unge.", false, null),
        new("Oliver Hansen", "2011-09-22", null, "Amager Øst", "Sundby Skole, 9. klasse", null, ["Mette Hansen (mor)"],
            CaseLevel.WorryingBehaviour, CaseSource.Club, "KFF", 20,
            "En del af gruppen, der larmer og skaber utryghed i bebyggelsen. Mistede fodbolden efter en skade og har ikke fundet en ny fritidsaktivitet.", false, null),
        new("Adam Khalil", "2011-04-09", null, "Amager Øst", "Sundby Skole, 9. klasse", null, ["Samira Khalil (mor)"],
            CaseLevel.FirstTimeCrime, CaseSource.PoliceLevelReport, "POL", 9,
            "Mistænkt for et tyveri fra en kiosk sammen med andre fra gruppen i bebyggelsen; udelukket fra den lokale klub.", true, null),
        new("Noah Berg", "2012-01-30", null, "Sundby", "Sundby Skole, 8. klasse", "Klubben Sundby", ["Anne Berg (mor)"],
            CaseLevel.WorryingBehaviour, CaseSource.Club, "KFF", 3,
            "Klubben er bekymret for hans nye omgangskreds og for, at han er begyndt at ryge hash.", false, null),
        new("Mikkel Sørensen", "2009-03-01", null, "Amager Øst", null, null, ["Per Sørensen (far)"],
            CaseLevel.RepeatedSeriousCrime, CaseSource.SocialServices, "SOF", 40,
            "Flere sigtelser for indbrud og hærværk det seneste år. Er fyldt 17½ og skal overdrages til SSP+.",
            true, new LevelForm("Tre sigtelser for indbrud og én for hærværk.", "Er droppet ud af 10. klasse.", "Ingen faste fritidsaktiviteter.",
                "Bor hos far; god kontakt, men far føler sig magtesløs.", "Omgås en gruppe ældre, der er kendt for indbrud.", "Mentor via Socialforvaltningen i et halvt år.")),
        new("Sara Jensen", "2013-07-11", null, "Ørestad", "Ørestad Skole, 7. klasse", null, ["Lone Jensen (mor)"],
            CaseLevel.FirstTimeCrime, CaseSource.PoliceLevelReport, "POL", 15,
            "Taget for butikstyveri i et storcenter sammen med en veninde. Første gang, hun er i kontakt med politiet.", true, null),
        new("Malik Ahmed", "2010-08-17", null, "Amager Øst", "Sundby Skole, 10. klasse", null, ["Fatima Ahmed (mor)"],
            CaseLevel.RepeatedSeriousCrime, CaseSource.PoliceLevelReport, "POL", 18,
            "Del af gruppen i bebyggelsen. Mistænkt for to røverier af mobiltelefoner og er tidligere sigtet for hærværk.",
            true, new LevelForm("To mistænkte røverier af telefoner; sigtet for hærværk sidste år.", "Møder sjældent; skolen overvejer et andet tilbud.",
                "Udelukket fra klubben efter en konflikt.", "Mor ønsker hjælp; far bor i udlandet.", "De ældste i gruppen i bebyggelsen.", "Gadeplansmedarbejdere har forsøgt kontakt.")),
        new("Ida Larsen", "2011-12-02", null, "Amager Vest", "Skolen på Islands Brygge, 9. klasse", null, ["Tina Larsen (mor)", "Kim Larsen (far)"],
            CaseLevel.FirstTimeCrime, CaseSource.PoliceLevelReport, "POL", 6,
            "Sigtet for hærværk mod en busstoppested sammen med to veninder.", true, null),
        new("Lucas Holm", "2013-04-25", null, "Amager Øst", "Lergravsparkens Skole, 7. klasse", "Fritidscenter Øst", ["Signe Holm (mor)"],
            CaseLevel.WorryingBehaviour, CaseSource.Club, "BUF", 30,
            "Fritidscentret har set ham sammen med unge fra gruppen i bebyggelsen og har talt med ham om det.", false, null),
        new("Emma Kristensen", "2011-05-19", null, "Sundby", "Sundby Skole, 9. klasse", null, ["Birthe Kristensen (mor)"],
            CaseLevel.WorryingBehaviour, CaseSource.School, "BUF", 2,
            "Har delt trusler mod en anden elev på sociale medier. Skolen har holdt møde med forældrene.", false, null),
        new("Elias Madsen", "2010-11-05", null, "Valby", "Valby Skole, 10. klasse", null, ["Hanne Madsen (mor)"],
            CaseLevel.WorryingBehaviour, CaseSource.School, "BUF", 25,
            "Skolen har hørt, at han opholder sig i et miljø, hvor der sælges hash.", false, null),
    ];

    /// <summary>The demo young person whose mother consented to sharing with the club worker (fritid@).</summary>
    public const string ConsentedPerson = "Noah Berg";

    private async Task SeedCasesAsync(Dictionary<string, int> parties, Dictionary<string, int> groups, CancellationToken cancellationToken)
    {
        if (await db.Cases.AnyAsync(cancellationToken))
        {
            return;
        }

        var areas = await db.LocalAreas.AsNoTracking().ToDictionaryAsync(a => a.Name, a => (a.Id, a.CoordinationGroupId), cancellationToken);
        var secretary = await users.FindByEmailAsync("sekretaer@sspkbh.dk");
        var police = await users.FindByEmailAsync("myndighed@sspkbh.dk");
        var now = clock.GetUtcNow().UtcDateTime;
        // The date in Copenhagen, as the app shows and compares dates: in the hour or two before midnight UTC it is already the next day there.
        var today = DanishTime.Today(clock);
        var demoGroupId = groups.TryGetValue(DemoGroup, out var found) ? found : (int?)null;
        foreach (var demo in Cases)
        {
            if (Find(areas, demo.Area, "lokalområde", "a demo case") is not { CoordinationGroupId: { } groupId } area
                || Find(parties, demo.RaisedByParty, "party", "a demo case") is not { } raisedBy
                || Find(parties, demo.Level.DefaultLeadParty(), "party", "a demo case") is not { } leadParty)
            {
                continue;
            }

            var areaId = area.Id;

            var person = new YoungPerson
            {
                DateOfBirth = DateOnly.Parse(demo.BirthDate, System.Globalization.CultureInfo.InvariantCulture),
                Cpr = demo.Cpr?.Replace("-", "", StringComparison.Ordinal),
                School = demo.School,
                Club = demo.Club,
                LocalAreaId = areaId,
                CreatedAtUtc = now,
                CustodyHolders = demo.Custody.Select(c => new CustodyHolder
                {
                    FullName = c[..c.IndexOf(" (", StringComparison.Ordinal)],
                    Relation = c[(c.IndexOf('(') + 1)..^1],
                }).ToList(),
            };
            person.SetName(demo.Name);
            db.YoungPersons.Add(person);
            await db.SaveChangesAsync(cancellationToken);

            var leadUser = demo.NamedLead ? (groupId == demoGroupId ? secretary?.Id : police?.Id) : null;
            var raisedOn = today.AddDays(-demo.DaysAgo);
            var c = SspCase.Register("DEMO", person.Id, groupId, demo.Level, demo.Source, raisedBy, null,
                raisedOn, demo.Concern, leadParty, leadUser, null, demo.Form,
                secretary?.Id ?? "", now.AddDays(-demo.DaysAgo));
            db.Cases.Add(c);
            await db.SaveChangesAsync(cancellationToken);
            c.CaseNumber = $"{raisedOn.Year}-{c.Id:D5}";
            await db.SaveChangesAsync(cancellationToken);

            // The club worker (no authority status) may follow the leisure effort: the mother consented.
            if (demo.Name == ConsentedPerson && await users.FindByEmailAsync("fritid@sspkbh.dk") is { } clubWorker)
            {
                db.Consents.Add(new Consent
                {
                    YoungPersonId = person.Id,
                    GivenBy = ConsentGiver.CustodyHolder,
                    CustodyHolderId = person.CustodyHolders[0].Id,
                    Information = ConsentInformation.Identity | ConsentInformation.GoalsAndActions,
                    Purpose = ConsentPurpose.LeisureActivity,
                    GivenOn = today.AddDays(-2),
                    ExpiresOn = today.AddMonths(6),
                    RecordedByUserId = secretary?.Id ?? "",
                    RecordedAtUtc = now,
                    Recipients = [new ConsentRecipient { UserId = clubWorker.Id }],
                });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    /// <summary>The id under this name, or null (with a warning naming what is skipped) when it is not in the database.</summary>
    private T? Find<T>(Dictionary<string, T> ids, string name, string kind, string skipped)
        where T : struct
    {
        if (ids.TryGetValue(name, out var id))
        {
            return id;
        }

        logger.LogWarning("Demo data: the {Kind} {Name} is not in the database (renamed or removed); {Skipped} is skipped", kind, name, skipped);
        return null;
    }
}
