namespace SspKbh.Web.Data;

/// <summary>An ASP.NET Core data-protection key stored in the database (shared by all instances).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
