namespace SspKbh.Web.Infrastructure;

/// <summary>
/// Configuration the app cannot run with (an unknown database provider, a certificate it cannot read). Program.cs
/// writes the message as one line to standard error and exits with <see cref="ExitCode"/>: the operator sees what to
/// fix, not a stack trace.
/// </summary>
public sealed class StartupRefusedException(string message, Exception? cause = null) : Exception(message, cause)
{
    /// <summary>The process's exit code when start-up is refused (2: wrong configuration, as for a wrong command).</summary>
    public const int ExitCode = 2;
}
