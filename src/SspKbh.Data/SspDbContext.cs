using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SspKbh.Domain.Access;
using SspKbh.Domain.Audit;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Domain.Meetings;
using SspKbh.Domain.Retention;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Security;

namespace SspKbh.Web.Data;

public sealed class SspDbContext(DbContextOptions<SspDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Party> Parties => Set<Party>();

    public DbSet<LocalArea> LocalAreas => Set<LocalArea>();

    public DbSet<SspGroup> Groups => Set<SspGroup>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<AuditRecord> AuditEntries => Set<AuditRecord>();

    public DbSet<AuditEntrySubject> AuditEntrySubjects => Set<AuditEntrySubject>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Security.UserSession> UserSessions => Set<Security.UserSession>();

    public DbSet<YoungPerson> YoungPersons => Set<YoungPerson>();

    public DbSet<CustodyHolder> CustodyHolders => Set<CustodyHolder>();

    public DbSet<YoungPersonNameWord> YoungPersonNameWords => Set<YoungPersonNameWord>();

    public DbSet<SspCase> Cases => Set<SspCase>();

    public DbSet<CaseLevelChange> CaseLevelChanges => Set<CaseLevelChange>();

    public DbSet<LevelDeadlineSetting> LevelDeadlines => Set<LevelDeadlineSetting>();

    public DbSet<CaseStatusChange> CaseStatusChanges => Set<CaseStatusChange>();

    public DbSet<CaseAction> CaseActions => Set<CaseAction>();

    public DbSet<JournalNote> JournalNotes => Set<JournalNote>();

    public DbSet<CaseFactor> CaseFactors => Set<CaseFactor>();

    public DbSet<CaseFactorNote> CaseFactorNotes => Set<CaseFactorNote>();

    public DbSet<Consent> Consents => Set<Consent>();

    public DbSet<ConsentRecipient> ConsentRecipients => Set<ConsentRecipient>();

    public DbSet<CaseAccessGrant> CaseAccessGrants => Set<CaseAccessGrant>();

    public DbSet<DeletionRecord> DeletionRecords => Set<DeletionRecord>();

    public DbSet<MeetingSeries> MeetingSeries => Set<MeetingSeries>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<MeetingAttendee> MeetingAttendees => Set<MeetingAttendee>();

    public DbSet<MinutesAddendum> MinutesAddenda => Set<MinutesAddendum>();

    public DbSet<HandedOverConcern> HandedOverConcerns => Set<HandedOverConcern>();

    public DbSet<ChecklistTemplate> ChecklistTemplates => Set<ChecklistTemplate>();

    public DbSet<ChecklistTemplateItem> ChecklistTemplateItems => Set<ChecklistTemplateItem>();

    public DbSet<ConcernConversation> ConcernConversations => Set<ConcernConversation>();

    public DbSet<ConversationParticipant> ConversationParticipants => Set<ConversationParticipant>();

    public DbSet<ConversationAgreement> ConversationAgreements => Set<ConversationAgreement>();

    public DbSet<ConversationChecklistItem> ConversationChecklistItems => Set<ConversationChecklistItem>();

    /// <summary>
    /// Saves, and keeps each changed case's overdue date true in the same transaction (ADR 0040,
    /// <see cref="Features.Cases.OverdueDates"/>). A save that changes none of the overdue rule's inputs is a plain save.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = Features.Cases.OverdueDates.Collect(ChangeTracker);
        if (pending.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await Features.Cases.OverdueDates.LockAsync(this, pending, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Features.Cases.OverdueDates.ApplyAsync(this, pending, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
    }

    /// <summary>Every save in the app is asynchronous; one that changes the overdue rule's inputs must be (see <see cref="SaveChangesAsync(bool, CancellationToken)"/>).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Features.Cases.OverdueDates.Collect(ChangeTracker).IsEmpty
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Cases, actions and level deadlines are saved with SaveChangesAsync, which keeps the cases' overdue dates.");

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All timestamps are UTC. SQLite returns DateTime with Kind=Unspecified; say what it is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.FullName).HasMaxLength(200).IsRequired();
            e.HasOne<Party>().WithMany().HasForeignKey(u => u.PartyId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(u => u.PartyId);
        });

        builder.Entity<Party>(e =>
        {
            e.ToTable("Parties");
            e.Property(p => p.Code).HasMaxLength(20).IsRequired();
            e.Property(p => p.Name).HasMaxLength(200).IsRequired();
            e.Property(p => p.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasIndex(p => p.Code).IsUnique();
        });

        builder.Entity<LocalArea>(e =>
        {
            e.ToTable("LocalAreas");
            e.Property(a => a.Name).HasMaxLength(200).IsRequired();
            e.Property(a => a.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasIndex(a => a.Name).IsUnique();
            e.HasOne<SspGroup>().WithMany().HasForeignKey(a => a.CoordinationGroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => a.CoordinationGroupId);
        });

        builder.Entity<SspGroup>(e =>
        {
            e.ToTable("Groups");
            e.Property(g => g.Name).HasMaxLength(200).IsRequired();
            e.Property(g => g.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasIndex(g => g.Name).IsUnique();
            e.HasIndex(g => g.Kind);
            e.HasOne<SspGroup>().WithMany().HasForeignKey(g => g.ParentGroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(g => g.ParentGroupId);
            e.HasOne<LocalArea>().WithMany().HasForeignKey(g => g.LocalAreaId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(g => g.LocalAreaId);
        });

        builder.Entity<GroupMembership>(e =>
        {
            e.ToTable("GroupMemberships");
            e.Property(m => m.UserId).HasMaxLength(450).IsRequired();
            e.HasOne<SspGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.GroupId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
        });

        builder.Entity<AuditRecord>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.Roles).HasMaxLength(200);
            e.Property(a => a.Party).HasMaxLength(20);
            e.Property(a => a.Action).HasMaxLength(100).IsRequired();
            e.Property(a => a.SubjectType).HasMaxLength(50);
            e.Property(a => a.SubjectId).HasMaxLength(AuditRecord.SubjectIdMaxLength);
            e.Property(a => a.Purpose).HasMaxLength(500);
            e.Property(a => a.Outcome).HasMaxLength(20).IsRequired();
            e.Property(a => a.Details).HasMaxLength(2000);
            e.Property(a => a.CorrelationId).HasMaxLength(100);
            e.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
            e.Property(a => a.Hash).HasMaxLength(64).IsRequired();
            e.HasIndex(a => a.Sequence).IsUnique();
            // The period's first and last sequence number come from this index alone (AuditLogGrid, ADR 0039).
            e.HasIndex(a => new { a.OccurredAtUtc, a.Sequence });
            // The audit viewer pages in sequence order (AuditLogGrid): the subject has an index that ends in Sequence, and
            // each choice filter's index (column, Sequence) carries the other choice columns (the user id only its own), so
            // a page and its capped count of one filter or several read one index in order (AuditGridPeriodsAndCombinations, ADR 0039).
            e.HasIndex(a => new { a.SubjectType, a.SubjectId, a.Sequence });
            e.HasIndex(a => new { a.UserId, a.Sequence, a.Action, a.Party, a.Purpose, a.Outcome, a.SubjectType }).HasDatabaseName("IX_AuditEntries_UserId_Sequence_Choices");
            e.HasIndex(a => new { a.Action, a.Sequence, a.Party, a.Purpose, a.Outcome, a.SubjectType }).HasDatabaseName("IX_AuditEntries_Action_Sequence_Choices");
            e.HasIndex(a => new { a.Party, a.Sequence, a.Action, a.Purpose, a.Outcome, a.SubjectType }).HasDatabaseName("IX_AuditEntries_Party_Sequence_Choices");
            e.HasIndex(a => new { a.Purpose, a.Sequence, a.Action, a.Party, a.Outcome, a.SubjectType }).HasDatabaseName("IX_AuditEntries_Purpose_Sequence_Choices");
            e.HasIndex(a => new { a.Outcome, a.Sequence, a.Action, a.Party, a.Purpose, a.SubjectType }).HasDatabaseName("IX_AuditEntries_Outcome_Sequence_Choices");
            e.Ignore(a => a.ListedIds);
        });

        // The records a list view showed, one row each (AuditRecord.ListedIds). No foreign key: the entry's Sequence is a
        // unique index, not a key SQLite could reference without rebuilding the table; both tables are append-only.
        builder.Entity<AuditEntrySubject>(e =>
        {
            e.ToTable("AuditEntrySubjects");
            e.HasKey(s => new { s.AuditSequence, s.SubjectId });
            e.Property(s => s.SubjectId).HasMaxLength(50);
            e.HasIndex(s => new { s.SubjectId, s.AuditSequence });
        });

        ConfigureCases(builder);
        ConfigureAccess(builder, Database.IsSqlServer());
        ConfigureMeetings(builder);
        ConfigureConversations(builder);

        // The library's key entity on the table our own repository used to write (ADR 0035): same name and columns,
        // and the NOT NULL and length the table has always had (the library always writes both values).
        builder.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
            e.Property(k => k.Xml).IsRequired();
        });

        builder.Entity<Security.UserSession>(e =>
        {
            e.ToTable("UserSessions");
            e.Property(s => s.Id).HasMaxLength(Security.UserSession.IdLength);
            e.Property(s => s.UserId).HasMaxLength(450).IsRequired();
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.UserId);
        });
    }

    private static void ConfigureCases(ModelBuilder builder)
    {
        builder.Entity<YoungPerson>(e =>
        {
            e.ToTable("YoungPersons");
            e.Property(p => p.FullName).HasMaxLength(200).IsRequired();
            e.Property(p => p.NormalizedName).HasMaxLength(200).IsRequired();
            e.Property(p => p.Cpr).HasMaxLength(10);
            e.Property(p => p.Address).HasMaxLength(300);
            e.Property(p => p.School).HasMaxLength(200);
            e.Property(p => p.Club).HasMaxLength(200);
            e.Property(p => p.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasIndex(p => p.Cpr).IsUnique();
            e.HasIndex(p => new { p.NormalizedName, p.DateOfBirth });
            e.HasIndex(p => p.LocalAreaId);
            // The age bands of the case list: the people born in a range, without reading their rows.
            e.HasIndex(p => new { p.DateOfBirth, p.Id });
            e.HasOne<LocalArea>().WithMany().HasForeignKey(p => p.LocalAreaId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.CustodyHolders).WithOne().HasForeignKey(c => c.YoungPersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.NameWords).WithOne().HasForeignKey(w => w.YoungPersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<YoungPersonNameWord>(e =>
        {
            e.ToTable("YoungPersonNameWords");
            e.HasKey(w => new { w.YoungPersonId, w.Word });
            e.Property(w => w.Word).HasMaxLength(YoungPersonNameWord.MaxLength);
            e.HasIndex(w => new { w.Word, w.YoungPersonId });
        });

        builder.Entity<CustodyHolder>(e =>
        {
            e.ToTable("CustodyHolders");
            e.Property(c => c.FullName).HasMaxLength(200).IsRequired();
            e.Property(c => c.Relation).HasMaxLength(100);
            e.Property(c => c.Phone).HasMaxLength(50);
            e.Property(c => c.Email).HasMaxLength(256);
            e.Property(c => c.Address).HasMaxLength(300);
            e.HasIndex(c => c.YoungPersonId);
        });

        builder.Entity<SspCase>(e =>
        {
            e.ToTable("Cases");
            e.Property(c => c.CaseNumber).HasMaxLength(20).IsRequired();
            e.Property(c => c.RaisedByName).HasMaxLength(200);
            e.Property(c => c.Concern).HasMaxLength(4000).IsRequired();
            e.Property(c => c.LeadUserId).HasMaxLength(450);
            e.Property(c => c.LeadOverrideReason).HasMaxLength(1000);
            e.Property(c => c.CreatedByUserId).HasMaxLength(450).IsRequired();
            e.Property(c => c.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.Property(c => c.FormOffenceSituation).HasMaxLength(4000);
            e.Property(c => c.FormSchool).HasMaxLength(4000);
            e.Property(c => c.FormLeisure).HasMaxLength(4000);
            e.Property(c => c.FormHome).HasMaxLength(4000);
            e.Property(c => c.FormNetwork).HasMaxLength(4000);
            e.Property(c => c.FormTriedSoFar).HasMaxLength(4000);
            e.Ignore(c => c.Form);
            e.Property(c => c.OverallGoal).HasMaxLength(2000);
            e.Property(c => c.GoalSchool).HasMaxLength(2000);
            e.Property(c => c.GoalLeisure).HasMaxLength(2000);
            e.Property(c => c.GoalHome).HasMaxLength(2000);
            e.Property(c => c.GoalCrime).HasMaxLength(2000);
            e.HasOne<SspGroup>().WithMany().HasForeignKey(c => c.SspPlusGroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.SspPlusGroupId);
            e.HasMany(c => c.StatusHistory).WithOne().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.CaseNumber).IsUnique();
            // Leads with the person (also serves the foreign key) and covers group and level, so a name
            // search finds the cases of the matching people without reading case rows (docs/performance.md).
            e.HasIndex(c => new { c.YoungPersonId, c.CoordinationGroupId, c.Level });
            e.HasIndex(c => new { c.CoordinationGroupId, c.Status, c.Id });
            // Case list at volume: a group's newest page and its counts per level (migration CaseListIndexes).
            e.HasIndex(c => new { c.CoordinationGroupId, c.Id, c.Level });
            // The counts per level under the list's filters, from the index alone: status, lead party and the
            // dates the overdue rule reads (migration CaseFilterIndexes, docs/performance.md).
            e.HasIndex(c => new { c.Level, c.CoordinationGroupId, c.Status, c.LeadPartyId, c.LevelSetOn, c.LastReviewedOn })
                .HasDatabaseName("IX_Cases_LevelCounts");
            e.HasIndex(c => new { c.Level, c.Id });
            e.HasIndex(c => c.LeadPartyId);
            e.HasIndex(c => c.RaisedByPartyId);
            e.HasIndex(c => c.LeadUserId);
            e.HasIndex(c => c.ClosedOn);
            // The home page's overdue count: a range per group, level read from the index (migration OverdueFrom, ADR 0040).
            e.HasIndex(c => new { c.CoordinationGroupId, c.OverdueFrom, c.Level });
            e.HasOne<YoungPerson>().WithMany().HasForeignKey(c => c.YoungPersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SspGroup>().WithMany().HasForeignKey(c => c.CoordinationGroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Party>().WithMany().HasForeignKey(c => c.RaisedByPartyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Party>().WithMany().HasForeignKey(c => c.LeadPartyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.LeadUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.LevelHistory).WithOne().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CaseLevelChange>(e =>
        {
            e.ToTable("CaseLevelChanges");
            e.Property(h => h.Reason).HasMaxLength(2000).IsRequired();
            e.Property(h => h.ChangedByUserId).HasMaxLength(450).IsRequired();
            e.HasIndex(h => new { h.CaseId, h.ChangedAtUtc });
        });

        builder.Entity<CaseStatusChange>(e =>
        {
            e.ToTable("CaseStatusChanges");
            e.Property(h => h.Reason).HasMaxLength(2000);
            e.Property(h => h.ChangedByUserId).HasMaxLength(450).IsRequired();
            e.HasIndex(h => new { h.CaseId, h.ChangedAtUtc });
        });

        builder.Entity<CaseAction>(e =>
        {
            e.ToTable("CaseActions");
            e.Property(a => a.What).HasMaxLength(1000).IsRequired();
            e.Property(a => a.OwnerUserId).HasMaxLength(450);
            e.Property(a => a.OwnerName).HasMaxLength(200).IsRequired();
            e.Property(a => a.CreatedByUserId).HasMaxLength(450).IsRequired();
            e.Property(a => a.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasOne<SspCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Party>().WithMany().HasForeignKey(a => a.OwnerPartyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.CaseId, a.Status, a.DueOn });
            e.HasIndex(a => new { a.Status, a.DueOn });
            // The home page's "my actions": a user's planned actions in due order, read until a page is full (migration CaseOverdueFrom).
            e.HasIndex(a => new { a.OwnerUserId, a.Status, a.DueOn });
            e.HasIndex(a => a.OwnerPartyId);
            // No foreign key: SQLite cannot add one to an existing table without a rebuild. An agenda item
            // with minutes (the only kind that has tasks) is never deleted.
            e.HasIndex(a => a.AgendaItemId);
            // Same reason: no foreign key to ConversationAgreements on an existing table. Retention deletes the
            // agreements and the case's actions together.
            e.HasIndex(a => a.ConversationAgreementId);
        });

        builder.Entity<JournalNote>(e =>
        {
            e.ToTable("JournalNotes");
            e.Property(n => n.Text).HasMaxLength(8000).IsRequired();
            e.Property(n => n.AuthorUserId).HasMaxLength(450).IsRequired();
            e.HasOne<SspCase>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.CaseId, n.NoteDate });
        });

        builder.Entity<CaseFactor>(e =>
        {
            e.ToTable("CaseFactors");
            e.Property(f => f.Code).HasMaxLength(50).IsRequired();
            e.HasOne<SspCase>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => new { f.CaseId, f.Code }).IsUnique();
        });

        builder.Entity<CaseFactorNote>(e =>
        {
            e.ToTable("CaseFactorNotes");
            e.Property(n => n.Note).HasMaxLength(2000).IsRequired();
            e.HasOne<SspCase>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.CaseId, n.Domain }).IsUnique();
        });

        builder.Entity<LevelDeadlineSetting>(e =>
        {
            e.ToTable("LevelDeadlines");
            e.HasKey(d => d.Level);
            e.Property(d => d.Level).ValueGeneratedNever();
            e.Property(d => d.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
        });
    }

    private static void ConfigureMeetings(ModelBuilder builder)
    {
        builder.Entity<MeetingSeries>(e =>
        {
            e.ToTable("MeetingSeries");
            e.HasKey(m => m.GroupId);
            e.Property(m => m.GroupId).ValueGeneratedNever();
            e.Property(m => m.DefaultPlace).HasMaxLength(Meeting.PlaceMaxLength).IsRequired();
            e.Property(m => m.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasOne<SspGroup>().WithOne().HasForeignKey<MeetingSeries>(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Meeting>(e =>
        {
            e.ToTable("Meetings");
            e.Property(m => m.Place).HasMaxLength(Meeting.PlaceMaxLength).IsRequired();
            e.Property(m => m.MinutesApprovedByUserId).HasMaxLength(450);
            e.Property(m => m.HeldUnderGroupName).HasMaxLength(200);
            e.Property(m => m.CreatedByUserId).HasMaxLength(450).IsRequired();
            e.Property(m => m.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasOne<SspGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Addenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(m => m.IsLocked);
            e.Ignore(m => m.IsPublished);
            e.HasIndex(m => new { m.GroupId, m.Date });
            e.HasIndex(m => m.Date);
        });

        builder.Entity<AgendaItem>(e =>
        {
            e.ToTable("AgendaItems");
            e.Property(i => i.Title).HasMaxLength(AgendaItem.TitleMaxLength);
            e.Property(i => i.Summary).HasMaxLength(AgendaItem.SummaryMaxLength);
            e.Property(i => i.DecisionText).HasMaxLength(AgendaItem.DecisionTextMaxLength);
            e.Property(i => i.MinutesByUserId).HasMaxLength(450);
            e.Property(i => i.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasOne<SspCase>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(i => i.HasMinutes);
            e.HasIndex(i => new { i.MeetingId, i.Part, i.Position });
            e.HasIndex(i => i.CaseId);
        });

        builder.Entity<MeetingAttendee>(e =>
        {
            e.ToTable("MeetingAttendees");
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.Name).HasMaxLength(MeetingAttendee.NameMaxLength).IsRequired();
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Party>().WithMany().HasForeignKey(a => a.PartyId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(a => a.LeavesBeforeCases);
            e.HasIndex(a => a.MeetingId);
            e.HasIndex(a => a.UserId);
            e.HasIndex(a => a.PartyId);
        });

        builder.Entity<MinutesAddendum>(e =>
        {
            e.ToTable("MinutesAddenda");
            e.Property(a => a.Text).HasMaxLength(MinutesAddendum.TextMaxLength).IsRequired();
            e.Property(a => a.AuthorUserId).HasMaxLength(450).IsRequired();
            e.HasIndex(a => a.MeetingId);
        });

        builder.Entity<HandedOverConcern>(e =>
        {
            e.ToTable("HandedOverConcerns");
            e.Property(c => c.FromUserId).HasMaxLength(450).IsRequired();
            e.Property(c => c.Text).HasMaxLength(HandedOverConcern.TextMaxLength).IsRequired();
            e.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SspCase>().WithMany().HasForeignKey(c => c.RegisteredCaseId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(c => c.MeetingId);
            e.HasIndex(c => c.RegisteredCaseId);
        });
    }

    private static void ConfigureConversations(ModelBuilder builder)
    {
        builder.Entity<ChecklistTemplate>(e =>
        {
            e.ToTable("ChecklistTemplates");
            e.Property(t => t.CreatedByUserId).HasMaxLength(450);
            e.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TemplateId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(t => t.Ordered);
            // One row per version; two administrators publishing the same next version collide here.
            e.HasIndex(t => t.Version).IsUnique();
        });

        builder.Entity<ChecklistTemplateItem>(e =>
        {
            e.ToTable("ChecklistTemplateItems");
            e.Property(i => i.Text).HasMaxLength(ChecklistTemplateItem.TextMaxLength).IsRequired();
            e.Property(i => i.Hint).HasMaxLength(ChecklistTemplateItem.HintMaxLength);
            e.HasIndex(i => new { i.TemplateId, i.Position }).IsUnique();
        });

        builder.Entity<ConcernConversation>(e =>
        {
            e.ToTable("ConcernConversations");
            e.Property(c => c.ResponsibleUserId).HasMaxLength(450).IsRequired();
            e.Property(c => c.CreatedByUserId).HasMaxLength(450).IsRequired();
            e.Property(c => c.JournalReference).HasMaxLength(ConcernConversation.JournalReferenceMaxLength);
            e.Property(c => c.CancelReason).HasMaxLength(ConcernConversation.CancelReasonMaxLength);
            e.Property(c => c.ResourcePersons).HasMaxLength(ConcernConversation.ResourcePersonsMaxLength);
            e.Property(c => c.KnowledgeGathering).HasMaxLength(ConcernConversation.KnowledgeGatheringMaxLength);
            e.Property(c => c.InterpreterLanguage).HasMaxLength(ConcernConversation.InterpreterLanguageMaxLength);
            e.Property(c => c.PlaceDetails).HasMaxLength(ConcernConversation.PlaceDetailsMaxLength);
            e.Property(c => c.Challenges).HasMaxLength(ConcernConversation.ChallengesMaxLength);
            e.Property(c => c.Resources).HasMaxLength(ConcernConversation.ResourcesMaxLength);
            e.Property(c => c.QuestionsAndThemes).HasMaxLength(ConcernConversation.QuestionsAndThemesMaxLength);
            e.Property(c => c.InvitationNote).HasMaxLength(ConcernConversation.InvitationNoteMaxLength);
            e.Property(c => c.Phase1Note).HasMaxLength(ConcernConversation.PhaseNoteMaxLength);
            e.Property(c => c.Phase2Note).HasMaxLength(ConcernConversation.PhaseNoteMaxLength);
            e.Property(c => c.Phase3Note).HasMaxLength(ConcernConversation.PhaseNoteMaxLength);
            e.Property(c => c.Phase4Note).HasMaxLength(ConcernConversation.PhaseNoteMaxLength);
            e.Property(c => c.Phase5Note).HasMaxLength(ConcernConversation.PhaseNoteMaxLength);
            e.Property(c => c.DebriefNote).HasMaxLength(ConcernConversation.DebriefNoteMaxLength);
            e.Property(c => c.NetworkInformedNote).HasMaxLength(ConcernConversation.NetworkInformedNoteMaxLength);
            e.Property(c => c.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.Ignore(c => c.IsClosed);
            e.Ignore(c => c.IsHeld);
            e.Ignore(c => c.ScheduledStart);
            e.HasOne<SspCase>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AgendaItem>().WithMany().HasForeignKey(c => c.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
            // A template version in use can never be deleted.
            e.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(c => c.ChecklistTemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Agreements).WithOne().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Checklist).WithOne().HasForeignKey(i => i.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.CaseId);
            // "My concern conversations": the responsible user's records by status.
            e.HasIndex(c => new { c.ResponsibleUserId, c.Status });
            e.HasIndex(c => c.AgendaItemId);
            e.HasIndex(c => c.ChecklistTemplateId);
        });

        builder.Entity<ConversationParticipant>(e =>
        {
            e.ToTable("ConversationParticipants");
            e.Property(p => p.Name).HasMaxLength(ConversationParticipant.NameMaxLength).IsRequired();
            e.Property(p => p.UserId).HasMaxLength(450);
            e.Property(p => p.Contribution).HasMaxLength(ConversationParticipant.ContributionMaxLength);
            e.HasOne<Party>().WithMany().HasForeignKey(p => p.PartyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
            // Retention deletes ended consents in bulk (ExecuteDelete): the database clears the link.
            e.HasOne<Consent>().WithMany().HasForeignKey(p => p.ConsentId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(p => p.ConversationId);
            e.HasIndex(p => p.PartyId);
            e.HasIndex(p => p.UserId);
            e.HasIndex(p => p.ConsentId);
        });

        builder.Entity<ConversationAgreement>(e =>
        {
            e.ToTable("ConversationAgreements");
            e.Property(a => a.What).HasMaxLength(ConversationAgreement.WhatMaxLength).IsRequired();
            e.Property(a => a.ResponsibleName).HasMaxLength(ConversationAgreement.ResponsibleNameMaxLength).IsRequired();
            e.Property(a => a.FollowUpHow).HasMaxLength(ConversationAgreement.FollowUpHowMaxLength);
            e.Property(a => a.FollowUpUserId).HasMaxLength(450).IsRequired();
            e.Property(a => a.OutcomeNote).HasMaxLength(ConversationAgreement.OutcomeNoteMaxLength);
            e.Property(a => a.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.FollowUpUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => a.ConversationId);
            // Follow-ups due per professional (dashboard).
            e.HasIndex(a => new { a.FollowUpUserId, a.FollowUpOn });
        });

        builder.Entity<ConversationChecklistItem>(e =>
        {
            e.ToTable("ConversationChecklistItems");
            e.HasKey(i => new { i.ConversationId, i.TemplateItemId });
            e.Property(i => i.DoneByUserId).HasMaxLength(450);
            e.Property(i => i.Note).HasMaxLength(ConversationChecklistItem.NoteMaxLength);
            e.Ignore(i => i.IsDone);
            e.HasOne<ChecklistTemplateItem>().WithMany().HasForeignKey(i => i.TemplateItemId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(i => i.TemplateItemId);
        });
    }

    private static void ConfigureAccess(ModelBuilder builder, bool sqlServer)
    {
        builder.Entity<Consent>(e =>
        {
            e.ToTable("Consents");
            e.Property(c => c.WithdrawnByUserId).HasMaxLength(450);
            e.Property(c => c.RecordedByUserId).HasMaxLength(450).IsRequired();
            e.Property(c => c.ConcurrencyStamp).HasMaxLength(64).IsRequired().IsConcurrencyToken();
            e.HasOne<YoungPerson>().WithMany().HasForeignKey(c => c.YoungPersonId).OnDelete(DeleteBehavior.Cascade);
            // SQL Server refuses a second cascading path from YoungPersons to Consents (directly, and through
            // CustodyHolders): there the database leaves the key alone and EF clears it (ADR 0041). A custody holder
            // is only ever deleted with its young person, whose consents go with it on the direct path.
            e.HasOne<CustodyHolder>().WithMany().HasForeignKey(c => c.CustodyHolderId)
                .OnDelete(sqlServer ? DeleteBehavior.ClientSetNull : DeleteBehavior.SetNull);
            e.HasMany(c => c.Recipients).WithOne().HasForeignKey(r => r.ConsentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.YoungPersonId);
            e.HasIndex(c => c.CustodyHolderId);
            e.HasIndex(c => new { c.WithdrawnOn, c.ExpiresOn });
        });

        builder.Entity<ConsentRecipient>(e =>
        {
            e.ToTable("ConsentRecipients");
            e.Property(r => r.UserId).HasMaxLength(450);
            e.HasOne<Party>().WithMany().HasForeignKey(r => r.PartyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.ConsentId);
            e.HasIndex(r => r.PartyId);
            e.HasIndex(r => r.UserId);
        });

        builder.Entity<CaseAccessGrant>(e =>
        {
            e.ToTable("CaseAccessGrants");
            e.Property(g => g.UserId).HasMaxLength(450).IsRequired();
            e.Property(g => g.Reason).HasMaxLength(CaseAccessGrant.ReasonMaxLength).IsRequired();
            e.HasOne<SspCase>().WithMany().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(g => new { g.CaseId, g.UserId, g.ExpiresAtUtc });
            e.HasIndex(g => g.UserId);
            e.HasIndex(g => g.GrantedAtUtc);
        });

        builder.Entity<DeletionRecord>(e =>
        {
            e.ToTable("DeletionRecords");
            e.Property(d => d.Rule).HasMaxLength(50).IsRequired();
            e.HasIndex(d => d.RanAtUtc);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
