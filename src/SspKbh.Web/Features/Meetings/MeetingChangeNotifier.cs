using System.Collections.Concurrent;

namespace SspKbh.Web.Features.Meetings;

/// <summary>
/// Tells the open meeting pages in this app instance that a meeting changed (agenda, attendance, guests, concerns,
/// minutes, approval), so they reload it. The signal carries the meeting id and nothing else: every page reloads
/// through the services with its own user, so a guest without authority status still receives only the general part
/// (retsplejeloven §115). With several instances, a member on another instance sees the change on the next load
/// (docs/operations.md).
/// </summary>
public sealed class MeetingChangeNotifier(ILogger<MeetingChangeNotifier> logger)
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Func<Task>>> _listeners = new();

    /// <summary>Calls <paramref name="onChanged"/> after each change of the meeting until the result is disposed.</summary>
    public IDisposable Subscribe(int meetingId, Func<Task> onChanged)
    {
        var key = Guid.NewGuid();
        _listeners.GetOrAdd(meetingId, _ => new ConcurrentDictionary<Guid, Func<Task>>())[key] = onChanged;
        return new Subscription(this, meetingId, key);
    }

    /// <summary>Number of open listeners on a meeting (for tests and diagnostics).</summary>
    public int ListenerCount(int meetingId) => _listeners.TryGetValue(meetingId, out var set) ? set.Count : 0;

    /// <summary>
    /// Signals a committed change. Call it after the transaction has committed, never inside it. Listeners run in the
    /// background: the saving user's request does not wait for other people's pages, and a failing listener (a closed
    /// circuit) never fails the save.
    /// </summary>
    public void Publish(int meetingId)
    {
        if (!_listeners.TryGetValue(meetingId, out var set))
        {
            return;
        }

        foreach (var listener in set.Values)
        {
            _ = RunAsync(meetingId, listener);
        }
    }

    private async Task RunAsync(int meetingId, Func<Task> listener)
    {
        try
        {
            await Task.Yield();
            await listener();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A meeting page listening to meeting {MeetingId} failed to reload", meetingId);
        }
    }

    private void Remove(int meetingId, Guid key)
    {
        if (_listeners.TryGetValue(meetingId, out var set) && set.TryRemove(key, out _) && set.IsEmpty)
        {
            // Drops the empty set unless a new listener arrived in between (ICollection<KVP>.Remove compares the value).
            ((ICollection<KeyValuePair<int, ConcurrentDictionary<Guid, Func<Task>>>>)_listeners)
                .Remove(new KeyValuePair<int, ConcurrentDictionary<Guid, Func<Task>>>(meetingId, set));
        }
    }

    private sealed class Subscription(MeetingChangeNotifier owner, int meetingId, Guid key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(meetingId, key);
            }
        }
    }
}
