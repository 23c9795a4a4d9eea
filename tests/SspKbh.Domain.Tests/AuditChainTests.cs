using SspKbh.Domain.Audit;

namespace SspKbh.Domain.Tests;

public sealed class AuditChainTests
{
    private static List<AuditRecord> Chain(int count)
    {
        var start = new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
        var entries = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            var entry = new AuditRecord
            {
                OccurredAtUtc = start.AddSeconds(i).AddTicks(1234), // sub-millisecond part is dropped by Seal
                UserId = $"user-{i % 3}",
                Roles = "Secretary",
                Party = "SOF",
                Action = i % 2 == 0 ? "auth.sign-in" : "admin.user.update",
                SubjectType = "user",
                SubjectId = $"subject-{i}",
                Outcome = "success",
                Details = i == 2 ? "changed=name" : null,
                CorrelationId = $"corr-{i}",
            };
            entry.Seal(entries.LastOrDefault());
            entries.Add(entry);
        }

        return entries;
    }

    private static AuditRecord Copy(AuditRecord e) => new()
    {
        Id = e.Id, Sequence = e.Sequence, OccurredAtUtc = e.OccurredAtUtc, UserId = e.UserId, Roles = e.Roles, Party = e.Party,
        Action = e.Action, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Purpose = e.Purpose, Outcome = e.Outcome,
        Details = e.Details, CorrelationId = e.CorrelationId, PreviousHash = e.PreviousHash, Hash = e.Hash,
    };

    [Fact]
    public void A_valid_chain_is_accepted()
    {
        var result = AuditChainVerifier.Verify(Chain(6));
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(6, result.EntriesChecked);
        Assert.Null(result.FirstBrokenSequence);
    }

    [Fact]
    public void An_empty_chain_is_valid()
    {
        Assert.True(AuditChainVerifier.Verify([]).IsValid);
    }

    [Fact]
    public void Seal_links_entries_and_truncates_time_to_milliseconds()
    {
        var chain = Chain(3);
        Assert.Equal([1L, 2L, 3L], chain.Select(e => e.Sequence));
        Assert.Equal(AuditRecord.GenesisHash, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(0, chain[1].OccurredAtUtc.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(64, chain[2].Hash.Length);
    }

    [Theory]
    [InlineData("Action")]
    [InlineData("Outcome")]
    [InlineData("UserId")]
    [InlineData("Details")]
    [InlineData("OccurredAtUtc")]
    public void A_changed_entry_is_detected(string field)
    {
        var chain = Chain(5);
        var e = chain[2];
        switch (field)
        {
            case "Action": e.Action = "auth.sign-out"; break;
            case "Outcome": e.Outcome = "failure"; break;
            case "UserId": e.UserId = "someone-else"; break;
            case "Details": e.Details = null; break;
            case "OccurredAtUtc": e.OccurredAtUtc = e.OccurredAtUtc.AddMilliseconds(1); break;
        }

        var result = AuditChainVerifier.Verify(chain);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("changed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_entry_with_a_recomputed_hash_breaks_the_next_link()
    {
        var chain = Chain(5);
        chain[1].Outcome = "failure";
        chain[1].Hash = chain[1].ComputeHash();

        var result = AuditChainVerifier.Verify(chain);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public void A_removed_entry_is_detected()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var result = AuditChainVerifier.Verify(chain);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public void A_removed_last_entry_cannot_be_seen_but_a_removed_and_renumbered_entry_can()
    {
        // Removing the tail leaves a shorter valid chain (the count is what reveals it) ...
        var chain = Chain(4);
        chain.RemoveAt(3);
        Assert.True(AuditChainVerifier.Verify(chain).IsValid);

        // ... while renumbering the entries after a removed one breaks the hash links.
        var renumbered = Chain(5).Select(Copy).ToList();
        renumbered.RemoveAt(1);
        for (var i = 1; i < renumbered.Count; i++)
        {
            renumbered[i].Sequence = i + 1;
        }

        var result = AuditChainVerifier.Verify(renumbered);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact]
    public void Reordered_entries_are_detected()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = AuditChainVerifier.Verify(chain);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public void Reordered_entries_with_swapped_sequence_numbers_are_detected()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);
        (chain[1].Sequence, chain[2].Sequence) = (chain[2].Sequence, chain[1].Sequence);

        var result = AuditChainVerifier.Verify(chain);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("previous", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_first_entry_is_detected()
    {
        var chain = Chain(2);
        chain[0].PreviousHash = new string('1', 64);
        chain[0].Hash = chain[0].ComputeHash();

        var result = AuditChainVerifier.Verify(chain);
        Assert.False(result.IsValid);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public void The_streaming_verifier_stops_at_the_first_broken_entry()
    {
        var chain = Chain(4);
        chain[1].Details = "tampered";
        var verifier = new AuditChainVerifier();
        Assert.Null(verifier.Next(chain[0]));
        var failure = verifier.Next(chain[1]);
        Assert.NotNull(failure);
        Assert.Equal(2, failure.EntriesChecked);
    }
}
