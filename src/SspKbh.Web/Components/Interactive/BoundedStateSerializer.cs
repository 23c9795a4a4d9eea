using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace SspKbh.Web.Components.Interactive;

/// <summary>
/// Serializes every page's <c>[PersistentState]</c> (the view read while prerendering, carried into the circuit) as
/// JSON, but only up to <see cref="BudgetBytes"/>. The carried state travels back from the browser in the message that
/// starts the circuit, which SignalR caps (<see cref="AppServices.CircuitMessageLimitBytes"/>); a view over the cap
/// would leave the page prerendered and dead, with no error a user can act on. So a larger view (a meeting with long
/// minutes, a case with years of notes) is not carried: the page reads it again when the circuit starts, one more read
/// and audit entry instead of a page that never wakes up.
/// </summary>
public sealed class BoundedStateSerializer<T>(ILogger<BoundedStateSerializer<T>> logger) : PersistentComponentStateSerializer<T>
{
    /// <summary>
    /// JSON bytes carried at most. Data protection and base64 make the carried text about 1.4 times larger, and the
    /// message holds the state of every component on the page, so this leaves room under the 64 KB cap.
    /// </summary>
    public const int BudgetBytes = 32 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public override void Persist(T value, IBufferWriter<byte> writer)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, Options);
        if (json.Length > BudgetBytes)
        {
            // Type and size only: the view's content may be personal data.
            logger.LogInformation("A {StateType} of {Bytes} bytes is over the carried state's budget of {Budget}; the circuit reads it again",
                typeof(T).Name, json.Length, BudgetBytes);
            return;
        }

        writer.Write(json);
    }

    public override T Restore(ReadOnlySequence<byte> data)
    {
        if (data.IsEmpty)
        {
            return default!; // Not carried: the page finds no state and reads the view itself.
        }

        var reader = new Utf8JsonReader(data);
        return JsonSerializer.Deserialize<T>(ref reader, Options)!;
    }
}
