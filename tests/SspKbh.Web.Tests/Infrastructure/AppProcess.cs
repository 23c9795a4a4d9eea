using System.Diagnostics;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>Runs the built SspKbh.Web.dll as an operator would (<c>dotnet SspKbh.Web.dll verify-audit</c>).</summary>
public static class AppProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(TestDatabase database, params string[] args) =>
        RunWithSettingsAsync(database, new Dictionary<string, string?>(), args);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="settings"/> set over the database's (as environment variables).</summary>
    public static async Task<Result> RunWithSettingsAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SspKbh.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built next to the tests.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Serilog__WriteToFile"] = "false";
        start.Environment["Serilog__MinimumLevel"] = "Warning";
        foreach (var (key, value) in database.AppSettings.Concat(settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
