using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using SspKbh.Tests.Shared;

namespace SspKbh.E2E;

/// <summary>
/// The real app, started from its build output as a separate process (<c>dotnet SspKbh.Web.dll</c>)
/// on a free loopback port, with a fresh SQLite file and the demo accounts.
/// A test may stop it and start it again on the same port and the same SQLite file, with other
/// environment variables (e.g. <c>Testing__ClockOffset</c> to move the app's clock forward).
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly string appDir;
    private readonly string dataDir;
    private readonly bool requireTwoFactor;
    private readonly StringBuilder output = new();
    private Process? process;

    private AppServer(string appDir, string dataDir, Uri baseUrl, bool requireTwoFactor)
    {
        this.appDir = appDir;
        this.dataDir = dataDir;
        this.requireTwoFactor = requireTwoFactor;
        BaseUrl = baseUrl;
    }

    /// <summary>Stays the same across restarts (the app listens on the same port again).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The SQLite file; kept across restarts, deleted on dispose.</summary>
    public string DatabasePath => Path.Combine(dataDir, "sspkbh.db");

    /// <summary>The extra environment variables of the current (or last) run.</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; private set; } = new Dictionary<string, string>();

    public bool IsRunning => process is { HasExited: false };

    /// <summary>What the app wrote to stdout and stderr so far, over all its runs (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static Task<AppServer> StartAsync(bool requireTwoFactor) => StartAsync(requireTwoFactor, environment: null);

    /// <param name="environment">Extra environment variables for the app (set last, so they win), e.g. <c>Testing__ClockOffset</c>.</param>
    public static async Task<AppServer> StartAsync(bool requireTwoFactor, IReadOnlyDictionary<string, string>? environment)
    {
        var appDir = Metadata("WebAppDir");
        var appDll = Path.Combine(appDir, "SspKbh.Web.dll");
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException($"The app is not built: {appDll} is missing. Build the solution first (dotnet build SspKbh.sln).");
        }

        var dataDir = Directory.CreateTempSubdirectory("sspkbh-e2e-").FullName;
        var server = new AppServer(appDir, dataDir, new Uri($"http://127.0.0.1:{FreePort()}/"), requireTwoFactor);
        try
        {
            await server.StartProcessAsync(environment);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Stops the app (SIGTERM, so it shuts down cleanly; killed if it does not stop in time).
    /// The SQLite file stays. Does nothing when the app is not running.
    /// </summary>
    public async Task StopAsync()
    {
        var running = process;
        if (running is null)
        {
            return;
        }

        process = null;
        try
        {
            if (!running.HasExited)
            {
                if (!OperatingSystem.IsWindows() && SysKill(running.Id, SigTerm) == 0)
                {
                    try
                    {
                        await running.WaitForExitAsync().WaitAsync(StopTimeout);
                    }
                    catch (TimeoutException)
                    {
                        Append($"[e2e] The app did not stop within {StopTimeout.TotalSeconds} s of SIGTERM; killing it.");
                    }
                }

                if (!running.HasExited)
                {
                    running.Kill(entireProcessTree: true);
                    await running.WaitForExitAsync().WaitAsync(StopTimeout);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (TimeoutException)
        {
            // Leave it; the temp folder may then stay behind.
        }
        finally
        {
            running.Dispose();
        }
    }

    /// <summary>
    /// Starts the stopped app again on the same port and SQLite file. <paramref name="environment"/>
    /// replaces the extra environment variables of the earlier run (null or empty: none).
    /// </summary>
    public async Task StartAgainAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The app is still running; stop it first (or call RestartAsync).");
        }

        await StartProcessAsync(environment);
    }

    /// <summary>Stops the app and starts it again on the same SQLite file with these extra environment variables.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        await StopAsync();
        await StartAgainAsync(environment);
    }

    /// <summary>Stops the app, verifies its audit trail (fails when broken) and deletes the SQLite file.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            await VerifyAuditTrailAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    internal static string Metadata(string key) =>
        typeof(AppServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing from the test assembly.");

    /// <summary>
    /// <c>dotnet SspKbh.Web.dll args…</c> in the build output, pointed at this server's SQLite file and
    /// nothing else: no variable from the caller's environment may point the app at another database
    /// or port, or move its clock.
    /// </summary>
    private ProcessStartInfo AppStartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the build output: appsettings*.json are there, and in Development
            // the static web assets manifest there points at the project's wwwroot.
            WorkingDirectory = appDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appDir, "SspKbh.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k =>
                     k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Security__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Demo__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Serilog__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Testing__", StringComparison.OrdinalIgnoreCase) ||
                     k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_CONTENTROOT"] = appDir;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={DatabasePath}";
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Serilog__WriteToFile"] = "false";
        start.Environment["Security__RequireTwoFactor"] = requireTwoFactor ? "true" : "false";
        return start;
    }

    /// <summary>
    /// Runs the operator's <c>verify-audit</c> command on the SQLite file (the app stopped), records the
    /// result in the <see cref="AuditTrailLedger"/> and fails when the hash chain is broken.
    /// </summary>
    private async Task VerifyAuditTrailAsync()
    {
        if (!File.Exists(DatabasePath))
        {
            return;
        }

        using var verify = Process.Start(AppStartInfo("verify-audit")) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = verify.StandardOutput.ReadToEndAsync();
        var stderr = verify.StandardError.ReadToEndAsync();
        await verify.WaitForExitAsync().WaitAsync(StartTimeout);
        var said = (await stdout) + (await stderr);
        var entries = Regex.Match(said, @"(\d+) entries verified") is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var problem = verify.ExitCode == 0 ? null : $"exit code {verify.ExitCode}: {said.Trim()}";
        AuditTrailLedger.Record($"Sqlite {DatabasePath}", entries, problem);
        if (problem is not null)
        {
            throw new InvalidOperationException($"verify-audit failed on the browser tests' database after their activity: {problem}");
        }
    }

    private async Task StartProcessAsync(IReadOnlyDictionary<string, string>? environment)
    {
        var start = AppStartInfo("--urls", BaseUrl.ToString().TrimEnd('/'));
        var extra = environment is null ? new Dictionary<string, string>() : new Dictionary<string, string>(environment);
        foreach (var (key, value) in extra)
        {
            start.Environment[key] = value;
        }

        ExtraEnvironment = extra;
        Append(extra.Count == 0
            ? "[e2e] Starting the app."
            : "[e2e] Starting the app with " + string.Join(", ", extra.Select(e => $"{e.Key}={e.Value}")) + ".");

        var started = new Process { StartInfo = start, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.Start();
        process = started;
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();

        try
        {
            await WaitUntilHealthyAsync(started);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(Process started)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {started.ExitCode} before it was healthy. Its output:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first request.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app did not answer /healthz with 200 within {StartTimeout.TotalSeconds} s. Its output:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
