using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace SspKbh.Benchmarks;

/// <summary>
/// Bytes and objects per type on this process's managed heap (option --gcdump): what dotnet-gcdump collects, read
/// in-process. An EventPipe session on this process with the runtime's heap-snapshot keywords makes the GC walk the
/// live objects in a full collection and describe each (type, own size). The sizes are the objects' own sizes, not
/// what they keep alive. Snapshots go to a file, so the numbers of one are not on the heap the next one walks.
/// </summary>
internal static class HeapTypes
{
    public sealed record TypeSize(long Bytes, long Count);

    /// <summary>Walks the heap now and writes type, bytes and objects per line (tab-separated) to the file.</summary>
    public static async Task SnapshotAsync(string file)
    {
        var client = new DiagnosticsClient(Environment.ProcessId);
        var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GCHeapSnapshot) };
        // Large enough that no event is dropped while this process is suspended for the walk and cannot read.
        using var session = client.StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 1024);
        var names = new Dictionary<ulong, string>();
        var sizes = new Dictionary<ulong, (long Bytes, long Count)>();
        var walked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lost = 0;
        var reading = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var dumpGc = -1;
            source.Clr.GCStart += e => dumpGc = dumpGc < 0 && e.Depth == 2 && e.Reason == GCReason.Induced ? e.Count : dumpGc;
            source.Clr.GCStop += e =>
            {
                if (e.Count == dumpGc)
                {
                    walked.TrySetResult();
                }
            };
            source.Clr.TypeBulkType += e =>
            {
                for (var i = 0; i < e.Count; i++)
                {
                    names[e.Values(i).TypeID] = e.Values(i).TypeName;
                }
            };
            source.Clr.GCBulkNode += e =>
            {
                for (var i = 0; i < e.Count; i++)
                {
                    var node = e.Values(i);
                    var seen = sizes.GetValueOrDefault(node.TypeID);
                    sizes[node.TypeID] = (seen.Bytes + (long)node.Size, seen.Count + 1);
                }
            };
            source.Process();
            lost = source.EventsLost;
        });

        await walked.Task.WaitAsync(TimeSpan.FromMinutes(3));
        session.Stop();
        await reading;
        if (lost > 0)
        {
            throw new InvalidOperationException($"The heap snapshot lost {lost} events; its numbers would be short.");
        }

        await File.WriteAllLinesAsync(file, sizes
            .GroupBy(s => names.GetValueOrDefault(s.Key, "?"), s => s.Value)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}\t{g.Sum(s => s.Bytes)}\t{g.Sum(s => s.Count)}")));
    }

    /// <summary>The 15 types that grew most from one snapshot to the other, per circuit.</summary>
    public static void PrintGrowth(string kind, string beforeFile, string afterFile, int circuits)
    {
        var before = Read(beforeFile);
        var after = Read(afterFile);
        var grown = after.Select(a =>
            {
                var b = before.GetValueOrDefault(a.Key) ?? new TypeSize(0, 0);
                return (Type: a.Key, Bytes: a.Value.Bytes - b.Bytes, Count: a.Value.Count - b.Count);
            })
            .OrderByDescending(t => t.Bytes).ToList();
        var total = after.Values.Sum(t => t.Bytes) - before.Values.Sum(t => t.Bytes);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Heap growth by type, {kind}: {circuits} circuits against {circuits} static tabs (objects' own sizes; {total / 1024.0 / circuits:F0} KB per circuit in all, {after.Values.Sum(t => t.Bytes) / 1024.0 / 1024.0:F1} MB walked)"));
        Console.WriteLine("| type | KB per circuit | objects per circuit |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (type, bytes, count) in grown.Take(15))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {type} | {bytes / 1024.0 / circuits:F1} | {count / (double)circuits:F1} |"));
        }
    }

    private static Dictionary<string, TypeSize> Read(string file) =>
        File.ReadLines(file).Select(line => line.Split('\t')).ToDictionary(
            f => f[0],
            f => new TypeSize(long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture)),
            StringComparer.Ordinal);
}
