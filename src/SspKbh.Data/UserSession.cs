namespace SspKbh.Web.Security;

/// <summary>One sign-in, kept on the server so that it can be ended there (ADR 0026).</summary>
public sealed class UserSession
{
    public const int IdLength = 32;

    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the session was ended (signed out, or all the user's sessions ended); null while it lives.</summary>
    public DateTime? EndedAtUtc { get; set; }
}
