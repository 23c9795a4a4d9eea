using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Security;

/// <summary>
/// Data protection (auth cookie, antiforgery tokens) with its key ring in the database through the EF Core library, so
/// sessions survive restarts and every instance reads the same keys (ADR 0035). With <c>DataProtection:CertificatePath</c>
/// the keys are encrypted with that certificate before they are stored; <c>DataProtection:PreviousCertificates</c> lists
/// certificates that only decrypt, for the keys written before a rotation (docs/operations.md).
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>The application name isolates our payloads; every instance and every version must use the same one.</summary>
    public const string ApplicationName = "SspKbh";

    public const string Section = "DataProtection";

    public static IServiceCollection AddSspDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<SspDbContext>();

        var section = configuration.GetSection(Section);
        if (section["CertificatePath"] is { Length: > 0 } path)
        {
            dataProtection.ProtectKeysWithCertificate(LoadCertificate($"{Section}:CertificatePath", path, section["CertificatePassword"]));
            var previous = section.GetSection("PreviousCertificates").GetChildren()
                .Select(c => LoadCertificate($"{Section}:PreviousCertificates:{c.Key}:Path", c["Path"], c["Password"]))
                .ToArray();
            if (previous.Length > 0)
            {
                dataProtection.UnprotectKeysWithAnyCertificate(previous);
            }
        }
        else if (section.GetSection("PreviousCertificates").GetChildren().Any())
        {
            throw new StartupRefusedException(
                $"{Section}:PreviousCertificates is set but {Section}:CertificatePath is not: configure the current certificate too (docs/operations.md).");
        }

        return services;
    }

    /// <summary>
    /// Loads a PFX with its private key, or refuses start-up with one line that says which setting and why: keys written
    /// with a certificate cannot be read without it, and keys written without one would be stored in the clear.
    /// </summary>
    public static X509Certificate2 LoadCertificate(string setting, string? path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new StartupRefusedException($"{setting} is empty: give the path of a PFX file (docs/operations.md).");
        }

        byte[] pfx;
        try
        {
            // Read apart from parsing, so a missing or unreadable file is told from a wrong password.
            pfx = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"{setting}: the certificate '{path}' cannot be read ({ex.GetType().Name}). The app does not start without it.", ex);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password);
        }
        catch (CryptographicException ex)
        {
            throw new StartupRefusedException($"{setting}: '{path}' is not a PFX file this password opens (DataProtection:CertificatePassword). The app does not start without it.", ex);
        }

        // Encrypted XML wraps each key for an RSA key pair: encrypting needs the public key, reading the keys back the private one.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new StartupRefusedException($"{setting}: the certificate '{path}' has no RSA private key; the keys could not be read back after a restart.");
        }

        return certificate;
    }
}
