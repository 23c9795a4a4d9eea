using System.Globalization;
using System.Xml.Linq;
using QRCoder;

namespace SspKbh.Web.Features.Account;

/// <summary>
/// The otpauth link an authenticator app reads, and its QR code as an SVG drawn on the server: no script, and only
/// presentation attributes (no style), so the page's CSP needs nothing new.
/// </summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "SspKbh";

    private const int DisplaySize = 200;

    /// <summary>The key URI format of Google Authenticator, which the other apps read too (issuer as label prefix and parameter).</summary>
    public static string Uri(string accountName, string key) => string.Format(CultureInfo.InvariantCulture,
        "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
        System.Uri.EscapeDataString(Issuer), System.Uri.EscapeDataString(accountName), key);

    /// <summary>
    /// The QR code of <paramref name="uri"/> as an SVG element that screen readers announce as one image named
    /// <paramref name="label"/>. Medium error correction: a phone reads it off a screen at an angle.
    /// </summary>
    public static string Svg(string uri, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = XElement.Parse(new SvgQRCode(data).GetGraphic(
            pixelsPerModule: 4, darkColorHex: "#000000", lightColorHex: "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute));
        XNamespace ns = svg.Name.Namespace;
        // The drawing is in modules (viewBox); 200 px is large enough for any phone camera and fits beside the key.
        svg.SetAttributeValue("width", DisplaySize);
        svg.SetAttributeValue("height", DisplaySize);
        svg.SetAttributeValue("role", "img");
        svg.SetAttributeValue("aria-label", label);
        svg.SetAttributeValue("class", "authenticator-qr");
        svg.SetAttributeValue("data-testid", "authenticator-qr");
        svg.AddFirst(new XElement(ns + "title", label));
        return svg.ToString(SaveOptions.DisableFormatting);
    }
}
