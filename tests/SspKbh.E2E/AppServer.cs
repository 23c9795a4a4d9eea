using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace SspKbh.E2E;

/// <summary>
/// The real app, started from its build output as a separate process (<c>dotnet SspKbh.Web.dll</c>)
/// on a free loopback port, with a fresh SQLite file and the demo accounts.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly string dataDir;
    private readonly StringBuilder output = new();

    private AppServer(Process process, string dataDir, Uri baseUrl)
    {
        this.process = process;
        this.dataDir = dataDir;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>What the app wrote to stdout and stderr so far (for failure messages).</summary>
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

    public static async Task<AppServer> StartAsync(bool requireTwoFactor)
    {
        var appDir = Metadata("WebAppDir");
        var appDll = Path.Combine(appDir, "SspKbh.Web.dll");
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException($"The app is not built: {appDll} is missing. Build the solution first (dotnet build SspKbh.sln).");
        }

        var dataDir = Directory.CreateTempSubdirectory("sspkbh-e2e-").FullName;
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");

        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the build output: appsettings*.json are there, and in Development
            // the static web assets manifest there points at the project's wwwroot.
            WorkingDirectory = appDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));

        // Nothing from the caller's environment may point the app at another database or port.
        foreach (var key in start.Environment.Keys.Where(k =>
                     k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Security__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Demo__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("Serilog__", StringComparison.OrdinalIgnoreCase) ||
                     k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_CONTENTROOT"] = appDir;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dataDir, "sspkbh.db")}";
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Serilog__WriteToFile"] = "false";
        start.Environment["Security__RequireTwoFactor"] = requireTwoFactor ? "true" : "false";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new AppServer(process, dataDir, baseUrl);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (TimeoutException)
        {
            // Leave it; the temp folder below may then stay behind.
        }

        process.Dispose();
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

    internal static string Metadata(string key) =>
        typeof(AppServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing from the test assembly.");

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

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} before it was healthy. Its output:\n{Output}");
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
}
