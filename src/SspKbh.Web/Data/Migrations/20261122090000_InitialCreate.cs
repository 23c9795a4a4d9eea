using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SspKbh.Web.Data.Migrations;

/// <summary>
/// Identity, organisation, audit trail and data-protection keys. Hand-written and provider-neutral
/// (docs/adr/0004): no store types; each provider maps the CLR types itself. The schema test in
/// SspKbh.Web.Tests proves the result equals what the model would create, on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(SspDbContext))]
[Migration("20261122090000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AspNetRoles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Identity(),
                Sequence = table.Column<long>(nullable: false),
                OccurredAtUtc = table.Column<DateTime>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: true),
                Roles = table.Column<string>(maxLength: 200, nullable: true),
                Party = table.Column<string>(maxLength: 20, nullable: true),
                Action = table.Column<string>(maxLength: 100, nullable: false),
                SubjectType = table.Column<string>(maxLength: 50, nullable: true),
                SubjectId = table.Column<string>(maxLength: 100, nullable: true),
                Purpose = table.Column<string>(maxLength: 500, nullable: true),
                Outcome = table.Column<string>(maxLength: 20, nullable: false),
                Details = table.Column<string>(maxLength: 2000, nullable: true),
                CorrelationId = table.Column<string>(maxLength: 100, nullable: true),
                PreviousHash = table.Column<string>(maxLength: 64, nullable: false),
                Hash = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                FriendlyName = table.Column<string>(maxLength: 200, nullable: false),
                Xml = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Parties",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Code = table.Column<string>(maxLength: 20, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                IsPublicAuthority = table.Column<bool>(nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Parties", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                RoleId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                PartyId = table.Column<int>(nullable: false),
                IsAuthorityPerson = table.Column<bool>(nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                table.ForeignKey("FK_AspNetUsers_Parties_PartyId", x => x.PartyId, "Parties", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                UserId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                RoleId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        // Groups and LocalAreas refer to each other: create Groups first, add its area link last.
        migrationBuilder.CreateTable(
            name: "Groups",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<int>(nullable: false),
                ParentGroupId = table.Column<int>(nullable: true),
                LocalAreaId = table.Column<int>(nullable: true),
                IsActive = table.Column<bool>(nullable: false),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Groups", x => x.Id);
                table.ForeignKey("FK_Groups_Groups_ParentGroupId", x => x.ParentGroupId, "Groups", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "LocalAreas",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                CoordinationGroupId = table.Column<int>(nullable: true),
                ConcurrencyStamp = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LocalAreas", x => x.Id);
                table.ForeignKey("FK_LocalAreas_Groups_CoordinationGroupId", x => x.CoordinationGroupId, "Groups", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.AddForeignKey(
            name: "FK_Groups_LocalAreas_LocalAreaId",
            table: "Groups",
            column: "LocalAreaId",
            principalTable: "LocalAreas",
            principalColumn: "Id",
            onDelete: ReferentialAction.Restrict);

        migrationBuilder.CreateTable(
            name: "GroupMemberships",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                GroupId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Role = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupMemberships", x => x.Id);
                table.ForeignKey("FK_GroupMemberships_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_GroupMemberships_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("IX_AspNetUsers_PartyId", "AspNetUsers", "PartyId");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_AuditEntries_OccurredAtUtc", "AuditEntries", "OccurredAtUtc");
        migrationBuilder.CreateIndex("IX_AuditEntries_Sequence", "AuditEntries", "Sequence", unique: true);
        migrationBuilder.CreateIndex("IX_AuditEntries_SubjectType_SubjectId", "AuditEntries", ["SubjectType", "SubjectId"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_UserId", "AuditEntries", "UserId");
        migrationBuilder.CreateIndex("IX_GroupMemberships_GroupId_UserId", "GroupMemberships", ["GroupId", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_GroupMemberships_UserId", "GroupMemberships", "UserId");
        migrationBuilder.CreateIndex("IX_Groups_Kind", "Groups", "Kind");
        migrationBuilder.CreateIndex("IX_Groups_LocalAreaId", "Groups", "LocalAreaId");
        migrationBuilder.CreateIndex("IX_Groups_Name", "Groups", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_Groups_ParentGroupId", "Groups", "ParentGroupId");
        migrationBuilder.CreateIndex("IX_LocalAreas_CoordinationGroupId", "LocalAreas", "CoordinationGroupId");
        migrationBuilder.CreateIndex("IX_LocalAreas_Name", "LocalAreas", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_Parties_Code", "Parties", "Code", unique: true);

        // The audit trail is append-only in the database itself, not just in the application.
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
                """);
        }
        else if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'AuditEntries is append-only'; END; $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
                 {
                     "GroupMemberships", "AspNetUserTokens", "AspNetUserRoles", "AspNetUserLogins", "AspNetUserClaims",
                     "AspNetRoleClaims", "AspNetUsers", "AspNetRoles", "AuditEntries", "DataProtectionKeys",
                 })
        {
            migrationBuilder.DropTable(table);
        }

        migrationBuilder.DropForeignKey("FK_Groups_LocalAreas_LocalAreaId", "Groups");
        migrationBuilder.DropTable("LocalAreas");
        migrationBuilder.DropTable("Groups");
        migrationBuilder.DropTable("Parties");
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
        }
    }
}

internal static class MigrationColumnExtensions
{
    /// <summary>An auto-generated key on every provider (AUTOINCREMENT on SQLite, identity on PostgreSQL).</summary>
    public static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(
        this OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> column) =>
        column
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
