using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Configuration the app cannot run with stops it before it touches the database, with one line on standard error that
/// names the setting and no stack trace, as an operator starting the container sees it. The `migrate` command is used
/// so that an app that wrongly starts ends on its own.
/// </summary>
public sealed class StartupRefusalTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sspkbh-refusal-test-{Guid.NewGuid():N}");
    private TestDatabase _database = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync(DbProvider.Sqlite, _folder);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_unknown_database_provider_is_refused_with_one_line()
    {
        var refused = await RunAsync(new() { ["Database:Provider"] = "Oracle" });
        Assert.Equal("SspKbh does not start: Unknown Database:Provider 'Oracle'. Use 'Sqlite', 'Postgres' or 'SqlServer'.", refused);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_is_refused_with_one_line()
    {
        var refused = await RunAsync(new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = "" });
        Assert.Equal("SspKbh does not start: Database:Provider is Postgres but ConnectionStrings:Postgres is not set.", refused);
    }

    [Fact]
    public async Task SQL_Server_without_a_connection_string_is_refused_with_one_line()
    {
        var refused = await RunAsync(new() { ["Database:Provider"] = "SqlServer", ["ConnectionStrings:SqlServer"] = "" });
        Assert.Equal("SspKbh does not start: Database:Provider is SqlServer but ConnectionStrings:SqlServer is not set.", refused);
    }

    [Fact]
    public async Task A_missing_data_protection_certificate_is_refused_with_one_line()
    {
        var missing = Path.Combine(_folder, "keys.pfx");
        var refused = await RunAsync(new() { ["DataProtection:CertificatePath"] = missing, ["DataProtection:CertificatePassword"] = "x" });
        Assert.StartsWith($"SspKbh does not start: DataProtection:CertificatePath: the certificate '{missing}' cannot be read", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_certificate_is_refused_with_one_line()
    {
        var notPfx = Path.Combine(_folder, "keys.pfx");
        await File.WriteAllTextAsync(notPfx, "not a certificate");
        var refused = await RunAsync(new() { ["DataProtection:CertificatePath"] = notPfx, ["DataProtection:CertificatePassword"] = "x" });
        Assert.StartsWith($"SspKbh does not start: DataProtection:CertificatePath: '{notPfx}' is not a PFX file this password opens", refused, StringComparison.Ordinal);
    }

    /// <summary>Runs `migrate` with the settings; asserts the refusal (exit code, one line, nothing done) and returns the line.</summary>
    private async Task<string> RunAsync(Dictionary<string, string?> settings)
    {
        var result = await AppProcess.RunWithSettingsAsync(_database, settings, "migrate");
        Assert.True(result.ExitCode == StartupRefusedException.ExitCode, $"exit {result.ExitCode}: {result.Output} {result.Error}");
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, "Expected one line on standard error, got:\n" + result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_database.Name), "The refused app created the database anyway.");
        return lines[0];
    }
}
