using Microsoft.Extensions.Logging.Abstractions;
using SspKbh.Web.Features.Meetings;

namespace SspKbh.Web.Tests;

public sealed class MeetingChangeNotifierTests
{
    [Fact]
    public async Task A_change_reaches_every_open_page_of_that_meeting_and_no_other()
    {
        var notifier = new MeetingChangeNotifier(NullLogger<MeetingChangeNotifier>.Instance);
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var otherMeetingCalls = 0;
        using var a = notifier.Subscribe(7, () => { first.TrySetResult(); return Task.CompletedTask; });
        using var b = notifier.Subscribe(7, () => { second.TrySetResult(); return Task.CompletedTask; });
        using var c = notifier.Subscribe(8, () => { Interlocked.Increment(ref otherMeetingCalls); return Task.CompletedTask; });

        notifier.Publish(7);

        await Task.WhenAll(first.Task, second.Task).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        Assert.Equal(0, otherMeetingCalls);
    }

    [Fact]
    public async Task A_failing_page_neither_fails_the_save_nor_stops_the_others()
    {
        var notifier = new MeetingChangeNotifier(NullLogger<MeetingChangeNotifier>.Instance);
        var reached = new TaskCompletionSource();
        using var broken = notifier.Subscribe(3, () => throw new ObjectDisposedException("circuit"));
        using var working = notifier.Subscribe(3, () => { reached.TrySetResult(); return Task.CompletedTask; });

        notifier.Publish(3);

        await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_closed_page_is_no_longer_called()
    {
        var notifier = new MeetingChangeNotifier(NullLogger<MeetingChangeNotifier>.Instance);
        var calls = 0;
        var subscription = notifier.Subscribe(5, () => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        Assert.Equal(1, notifier.ListenerCount(5));

        subscription.Dispose();
        subscription.Dispose();
        notifier.Publish(5);

        await Task.Delay(100);
        Assert.Equal(0, calls);
        Assert.Equal(0, notifier.ListenerCount(5));
    }
}
