using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The data-protection key ring (it protects the auth cookie) lives in the database through the EF Core library
/// (ADR 0035): a cookie outlives a restart, keys written by the repository we had before are still read, and with a
/// certificate configured the stored keys are encrypted and still read after a restart. Each test stops its app and
/// starts a new one on the same database, as a deployment does.
/// </summary>
public abstract class DataProtectionKeyTests : IAsyncLifetime
{
    private const string User = "admin@sspkbh.dk";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sspkbh-dp-test-{Guid.NewGuid():N}");

    protected abstract DbProvider Provider { get; }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_cookie_issued_before_a_restart_is_accepted_after_it_and_refused_once_its_key_is_gone()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        using var signedIn = await SignInAndStopAsync(database);

        await using (var restarted = SspAppFactory.StartOn(database))
        {
            await AssertSignedInAsync(signedIn, restarted, "after a restart on the same database");
        }

        // The same cookie against a key ring without its key (what a file-system key ring in a new container is):
        // the cookie cannot be read and the user is asked to sign in. So the acceptance above is the stored key's doing.
        await using (var db = database.CreateContext())
        {
            Assert.True(await db.DataProtectionKeys.ExecuteDeleteAsync() > 0, "The app stored no key in the database.");
        }

        await using (var withoutKeys = SspAppFactory.StartOn(database))
        {
            await AssertSentToSignInAsync(signedIn, withoutKeys, "once the key that protected it is gone");
        }
    }

    [Fact]
    public async Task Keys_written_by_the_earlier_repository_are_read_by_the_library()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        // A payload protected by an app of the previous version: its repository wrote rows of (FriendlyName, Xml).
        const string purpose = "SspKbh.Tests.Carried-over";
        string protectedByEarlier;
        await using (var earlier = EarlierVersionProvider(database))
        {
            protectedByEarlier = earlier.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("kagen er i ovnen");
        }

        var written = await KeyXmlAsync(database);
        Assert.Single(written);

        await using (var app = SspAppFactory.StartOn(database))
        {
            var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);
            Assert.Equal("kagen er i ovnen", protector.Unprotect(protectedByEarlier));

            // It uses that key for new payloads too (no second key next to a valid one): sessions of both versions mix.
            await AssertSignedInAsync(await SignInAsync(app), app, "on the carried-over key ring");
        }

        Assert.Equal(written, await KeyXmlAsync(database));
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_stored_encrypted_and_read_after_a_restart()
    {
        var (pfx, certificate) = CreateCertificate("current");
        using var _ = certificate;
        var withCertificate = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "hemmeligt kodeord",
        };
        await using var database = await TestDatabase.CreateAsync(Provider);
        using var signedIn = await SignInAndStopAsync(database, withCertificate);

        // What lies in the table is encrypted with the certificate's key, not the plain master key.
        var stored = await KeyXmlAsync(database);
        Assert.NotEmpty(stored);
        foreach (var xml in stored)
        {
            var key = XElement.Parse(xml);
            Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName == "masterKey");
            var secret = Assert.Single(key.Descendants(), e => e.Name.LocalName == "encryptedSecret");
            Assert.Contains("EncryptedXmlDecryptor", (string?)secret.Attribute("decryptorType"), StringComparison.Ordinal);
            Assert.Contains(Convert.ToBase64String(certificate.RawData), xml, StringComparison.Ordinal);
        }

        await using (var restarted = SspAppFactory.StartOn(database, withCertificate))
        {
            await AssertSignedInAsync(signedIn, restarted, "after a restart with the certificate");
        }

        // Without the certificate nobody can read those keys: the same cookie is no longer accepted.
        await using (var withoutCertificate = SspAppFactory.StartOn(database))
        {
            await AssertSentToSignInAsync(signedIn, withoutCertificate, "by an app without the certificate");
        }
    }

    [Fact]
    public async Task After_a_certificate_rotation_keys_encrypted_with_the_previous_certificate_are_still_read()
    {
        var (oldPfx, oldCertificate) = CreateCertificate("old");
        var (newPfx, newCertificate) = CreateCertificate("new");
        using var _ = oldCertificate;
        using var __ = newCertificate;
        await using var database = await TestDatabase.CreateAsync(Provider);
        using var signedIn = await SignInAndStopAsync(database, new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = oldPfx,
            ["DataProtection:CertificatePassword"] = "hemmeligt kodeord",
        });

        await using var rotated = SspAppFactory.StartOn(database, new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = newPfx,
            ["DataProtection:CertificatePassword"] = "hemmeligt kodeord",
            ["DataProtection:PreviousCertificates:0:Path"] = oldPfx,
            ["DataProtection:PreviousCertificates:0:Password"] = "hemmeligt kodeord",
        });
        await AssertSignedInAsync(signedIn, rotated, "after rotating to a new certificate with the old one kept for reading");
    }

    [Fact]
    public void A_certificate_that_cannot_be_opened_is_refused_with_one_line_naming_the_setting()
    {
        var (pfx, certificate) = CreateCertificate("refused");
        certificate.Dispose();

        var missing = Assert.Throws<StartupRefusedException>(() =>
            DataProtectionSetup.LoadCertificate("DataProtection:CertificatePath", Path.Combine(_folder, "missing.pfx"), "x"));
        var wrongPassword = Assert.Throws<StartupRefusedException>(() =>
            DataProtectionSetup.LoadCertificate("DataProtection:CertificatePath", pfx, "forkert"));
        var publicOnly = Path.Combine(_folder, "public-only.pfx");
        using (var loaded = X509CertificateLoader.LoadPkcs12FromFile(pfx, "hemmeligt kodeord"))
        using (var withoutKey = X509CertificateLoader.LoadCertificate(loaded.Export(X509ContentType.Cert)))
        {
            File.WriteAllBytes(publicOnly, withoutKey.Export(X509ContentType.Pkcs12, "x"));
        }

        var noPrivateKey = Assert.Throws<StartupRefusedException>(() =>
            DataProtectionSetup.LoadCertificate("DataProtection:CertificatePath", publicOnly, "x"));

        foreach (var refused in new[] { missing, wrongPassword, noPrivateKey })
        {
            Assert.StartsWith("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', refused.Message);
        }

        Assert.Contains("cannot be read", missing.Message, StringComparison.Ordinal);
        Assert.Contains("password", wrongPassword.Message, StringComparison.Ordinal);
        Assert.Contains("no RSA private key", noPrivateKey.Message, StringComparison.Ordinal);
    }

    private static async Task<TestBrowser> SignInAsync(SspAppFactory app)
    {
        var browser = app.CreateBrowser();
        await browser.SignInAsync(User);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        return browser;
    }

    /// <summary>Signs in on an app over <paramref name="database"/>, stops the app and returns the browser with its cookie.</summary>
    private static async Task<TestBrowser> SignInAndStopAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await using var app = SspAppFactory.StartOn(database, settings);
        using var browser = await SignInAsync(app);

        // A browser detached from the stopped app; WithCopiedCookies points it at the next one.
        return browser.WithCopiedCookies(app);
    }

    private static async Task AssertSignedInAsync(TestBrowser cookieHolder, SspAppFactory app, string when)
    {
        using var browser = cookieHolder.WithCopiedCookies(app);
        var home = await browser.GetAsync("/");
        Assert.True(home.Status == HttpStatusCode.OK, $"The cookie was not accepted {when}: {(int)home.Status} -> {TestBrowser.Location(home.Response)}");
        Assert.NotNull(home.TestIdText("user-name"));
    }

    private static async Task AssertSentToSignInAsync(TestBrowser cookieHolder, SspAppFactory app, string when)
    {
        using var browser = cookieHolder.WithCopiedCookies(app);
        var home = await browser.GetAsync("/");
        Assert.True(home.Status == HttpStatusCode.Redirect, $"The cookie was still accepted {when}: {(int)home.Status}");
        Assert.StartsWith(SecuritySetup.LoginPath, TestBrowser.Location(home.Response), StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeyXmlAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync();
    }

    /// <summary>
    /// Data protection as the previous version wired it: the same application name, and its own repository, which added
    /// one row per key with the key's friendly name and its XML on one line (the class was Data/DatabaseXmlRepository.cs).
    /// </summary>
    private static ServiceProvider EarlierVersionProvider(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(DataProtectionSetup.ApplicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new EarlierRepository(database));
        return services.BuildServiceProvider();
    }

    private sealed class EarlierRepository(TestDatabase database) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var db = database.CreateContext();
            return db.Database.SqlQueryRaw<string>("SELECT \"Xml\" AS \"Value\" FROM \"DataProtectionKeys\" ORDER BY \"Id\"")
                .ToList().Select(XElement.Parse).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var db = database.CreateContext();
            db.Database.ExecuteSql($"INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES ({friendlyName}, {element.ToString(SaveOptions.DisableFormatting)})");
        }
    }

    /// <summary>A self-signed RSA certificate with its private key, exported as a password-protected PFX into the test's folder.</summary>
    private (string Path, X509Certificate2 Certificate) CreateCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=SspKbh data protection test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "hemmeligt kodeord"));
        return (path, certificate);
    }
}

public sealed class DataProtectionKeyTestsSqlite : DataProtectionKeyTests
{
    protected override DbProvider Provider => DbProvider.Sqlite;
}

public sealed class DataProtectionKeyTestsPostgres : DataProtectionKeyTests
{
    protected override DbProvider Provider => DbProvider.Postgres;
}
