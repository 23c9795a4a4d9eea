using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SspKbh.Benchmarks;

/// <summary>
/// Plain HTTP load for the ratio benchmarks (<see cref="RatioBenchmarks"/>, <see cref="KillDurabilityBenchmark"/>): each
/// worker has its own <see cref="HttpClient"/> (one keep-alive connection, its own cookies, signed in through the login
/// form as a browser would: GET the form, POST it with the antiforgery token), and the workers send GETs one after the
/// other for a fixed time. A GET of an interactive page is its prerender: the page's reads and its audit entry happen
/// in the request, so the answers per second are the page's server work (the circuit that a browser would open next is
/// not part of it).
/// </summary>
internal static partial class LoadGenerator
{
    public static HttpClient NewClient(Uri baseUrl) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>A client signed in as <paramref name="email"/> (the login form, antiforgery token included).</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseUrl, string email, string password)
    {
        var client = NewClient(baseUrl);
        const string loginPath = "konto/log-ind?ReturnUrl=%2Fkonto";
        var form = await client.GetStringAsync(loginPath);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in HiddenInput().Matches(form))
        {
            var name = NameAttribute().Match(input.Value);
            var value = ValueAttribute().Match(input.Value);
            if (name.Success)
            {
                fields.Add(new(WebUtility.HtmlDecode(name.Groups[1].Value), value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : ""));
            }
        }

        fields.Add(new("Input.Email", email));
        fields.Add(new("Input.Password", password));
        using var response = await client.PostAsync(loginPath, new FormUrlEncodedContent(fields));
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            || response.Headers.Location?.OriginalString.Contains("/konto", StringComparison.Ordinal) != true
            || response.Headers.Location.OriginalString.Contains("log-ind", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode} (to {response.Headers.Location}).");
        }

        return client;
    }

    /// <summary>
    /// <paramref name="clients"/>.Count workers send GETs of <paramref name="path"/>(worker, n) for <paramref name="duration"/>;
    /// every answer is read to its end. Non-200 answers and failures count as errors and are not timed.
    /// </summary>
    public static async Task<PhaseResult> RunAsync(string name, IReadOnlyList<HttpClient> clients, Func<int, int, string> path, TimeSpan duration)
    {
        var latencies = new List<double>[clients.Count];
        var errors = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var deadline = watch.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, clients.Count).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            for (var n = 0; watch.Elapsed < deadline; n++)
            {
                var started = watch.Elapsed;
                try
                {
                    using var response = await clients[worker].GetAsync(path(worker, n), HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        mine.Add((watch.Elapsed - started).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new PhaseResult(name, all, errors, elapsed, cpu);
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}

/// <summary>One phase's answers: their latencies (ms, sorted), errors, wall time and this process's CPU time.</summary>
internal sealed record PhaseResult(string Name, double[] LatenciesMs, int Errors, TimeSpan Elapsed, TimeSpan Cpu)
{
    public int Count => LatenciesMs.Length;

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public double CpuMsPerRequest => Count == 0 ? double.NaN : Cpu.TotalMilliseconds / Count;

    /// <summary>Several phases of the same kind (interleaved rounds) as one.</summary>
    public static PhaseResult Combine(string name, IEnumerable<PhaseResult> phases)
    {
        var list = phases.ToList();
        return new PhaseResult(name, list.SelectMany(p => p.LatenciesMs).Order().ToArray(), list.Sum(p => p.Errors),
            TimeSpan.FromTicks(list.Sum(p => p.Elapsed.Ticks)), TimeSpan.FromTicks(list.Sum(p => p.Cpu.Ticks)));
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Count} | {Errors} | {PerSecond:F1} | {Percentile(50):F1} | {Percentile(95):F1} | {CpuMsPerRequest:F2} |");

    public const string Header = "| phase | answers (200) | errors | requests/s | p50 (ms) | p95 (ms) | CPU ms / request (this process) |\n|---|---:|---:|---:|---:|---:|---:|";
}
