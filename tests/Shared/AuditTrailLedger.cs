namespace SspKbh.Tests.Shared;

/// <summary>
/// Where the test databases' final <c>verify-audit</c> results go. Every test app verifies its audit
/// chain when it is disposed (after all the activity of its tests) and fails when the chain is broken;
/// it also appends one line here, so scripts/test.sh can say how many databases and entries were
/// verified over the whole run. The file is named by <see cref="Variable"/>; unset, nothing is written.
/// Linked into both test projects.
/// </summary>
public static class AuditTrailLedger
{
    public const string Variable = "SSPKBH_AUDIT_LEDGER";

    private static readonly Lock Gate = new();

    /// <param name="database">Provider and name of the database (a temp file or a throw-away PostgreSQL database).</param>
    /// <param name="entries">How many entries the verification read.</param>
    /// <param name="problem">Null when the chain is intact.</param>
    public static void Record(string database, long entries, string? problem)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path)
        {
            return;
        }

        var line = $"{(problem is null ? "intact" : "BROKEN")}\t{entries}\t{database}\t{problem}{Environment.NewLine}";
        lock (Gate)
        {
            File.AppendAllText(path, line);
        }
    }
}
