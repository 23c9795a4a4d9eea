using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SspKbh.Benchmarks;

/// <summary>
/// The web app as built (<c>src/SspKbh.Web/bin/{configuration}/net10.0/SspKbh.Web.dll</c>, the same configuration as this
/// benchmark) started as a process of its own with <c>dotnet</c>: environment Production, no demo seed, two-factor
/// sign-in off (the bench users have no authenticator), JSON logs at Warning to a log file next to the database.
/// Used where the app must be a separate process: to kill it (<see cref="KillDurabilityBenchmark"/>) or to read its own
/// CPU time (<see cref="DatabaseCpuBenchmark"/>).
/// </summary>
internal sealed class AppProcess
{
    private readonly Dictionary<string, string> settings;

    private AppProcess(Dictionary<string, string> settings) => this.settings = settings;

    public static string Dll { get; } = FindDll();

    public static AppProcess Sqlite(string database) => new(new()
    {
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Sqlite"] = $"Data Source={database}",
    });

    public static AppProcess Postgres(string connectionString) => new(new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Postgres"] = connectionString,
    });

    /// <summary>Starts the app on <paramref name="port"/>; stdout and stderr go to <paramref name="logFile"/>.</summary>
    public Process Start(int port, string logFile)
    {
        var start = StartInfo();
        start.ArgumentList.Add(Dll);
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var process = new Process { StartInfo = start };
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs one of the app's operator commands (e.g. <c>verify-audit</c>) on the same database; its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(string command)
    {
        var start = StartInfo();
        start.ArgumentList.Add(Dll);
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 (at most 3 minutes); how long it took.</summary>
    public static async Task<TimeSpan> WaitForHealthAsync(Uri baseUrl, Process process)
    {
        var watch = Stopwatch.StartNew();
        using var client = LoadGenerator.NewClient(baseUrl);
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting (see its log next to the database).");
            }

            try
            {
                using var response = await client.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The app did not answer /healthz within 3 minutes.");
    }

    /// <summary>SIGTERM (a normal shutdown), then wait.</summary>
    public static async Task StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in new Dictionary<string, string>(settings)
                 {
                     ["ASPNETCORE_ENVIRONMENT"] = "Production",
                     ["Demo__Seed"] = "false",
                     ["Security__RequireTwoFactor"] = "false",
                     ["Serilog__WriteToFile"] = "false",
                     ["Serilog__MinimumLevel__Default"] = "Warning",
                     // The daily retention job's first run comes five minutes after the start; on the generated data it
                     // anonymises about 3,700 closed cases, which would change the data and load the machine mid-run.
                     ["Retention__Enabled"] = "false",
                 })
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static string FindDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "SspKbh.Web", "bin", configuration, "net10.0", "SspKbh.Web.dll");
            if (File.Exists(Path.Combine(dir.FullName, "SspKbh.sln")) && File.Exists(dll))
            {
                return dll;
            }
        }

        throw new InvalidOperationException("SspKbh.Web.dll not found: build the solution first.");
    }
}
