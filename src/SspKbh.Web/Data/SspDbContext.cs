using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SspKbh.Domain.Audit;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Security;

namespace SspKbh.Web.Data;

public sealed class SspDbContext(DbContextOptions<SspDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<Party> Parties => Set<Party>();

    public DbSet<LocalArea> LocalAreas => Set<LocalArea>();

    public DbSet<SspGroup> Groups => Set<SspGroup>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<AuditRecord> AuditEntries => Set<AuditRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
            e.Property(a => a.SubjectId).HasMaxLength(100);
            e.Property(a => a.Purpose).HasMaxLength(500);
            e.Property(a => a.Outcome).HasMaxLength(20).IsRequired();
            e.Property(a => a.Details).HasMaxLength(2000);
            e.Property(a => a.CorrelationId).HasMaxLength(100);
            e.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
            e.Property(a => a.Hash).HasMaxLength(64).IsRequired();
            e.HasIndex(a => a.Sequence).IsUnique();
            e.HasIndex(a => a.OccurredAtUtc);
            e.HasIndex(a => new { a.SubjectType, a.SubjectId });
            e.HasIndex(a => a.UserId);
        });

        builder.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
            e.Property(k => k.Xml).IsRequired();
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
