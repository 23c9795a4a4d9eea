using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Tests;

/// <summary>
/// A failed operation inside a page (an exception in an event handler) does not kill the circuit: the
/// boundary shows a Danish message with a reference that is also logged, and the user can carry on.
/// </summary>
public sealed class SafeBoundaryTests : BunitContext
{
    private readonly List<string> logged = [];

    public SafeBoundaryTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<CircuitContext>();
        Services.AddLogging(b => b.AddProvider(new ListLoggerProvider(logged)));
    }

    [Fact]
    public void An_exception_in_an_event_handler_shows_a_danish_message_with_a_logged_reference_and_the_page_carries_on()
    {
        var cut = Render<SafeBoundary>(p => p.AddChildContent<Thrower>());
        Assert.Equal("0", cut.Find("[data-testid='clicks']").TextContent);

        cut.Find("button.throw").Click();

        var error = cut.Find("[data-testid='circuit-error']");
        Assert.Contains(Texts.Circuit_ErrorTitle, error.TextContent, StringComparison.Ordinal);
        var reference = cut.Find("[data-testid='correlation-id']").TextContent;
        Assert.Matches("^[^/]+/[0-9a-f]{8}$", reference);
        Assert.Contains(logged, line => line.Contains(reference, StringComparison.Ordinal) && line.Contains("boom", StringComparison.Ordinal));
        Assert.DoesNotContain("boom", cut.Markup, StringComparison.Ordinal);

        // "Fortsæt" brings the page back, and it works again.
        cut.Find("[data-testid='circuit-error-continue']").Click();
        cut.Find("button.count").Click();
        Assert.Equal("1", cut.Find("[data-testid='clicks']").TextContent);
    }

    /// <summary>A page with one button that fails and one that works.</summary>
    private sealed class Thrower : ComponentBase
    {
        private int clicks;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "class", "throw");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => throw new InvalidOperationException("boom")));
            builder.CloseElement();
            builder.OpenElement(3, "button");
            builder.AddAttribute(4, "class", "count");
            builder.AddAttribute(5, "onclick", EventCallback.Factory.Create(this, () => clicks++));
            builder.CloseElement();
            builder.OpenElement(6, "span");
            builder.AddAttribute(7, "data-testid", "clicks");
            builder.AddContent(8, clicks);
            builder.CloseElement();
        }
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add($"{formatter(state, exception)} {exception?.Message}");
                }
            }
        }
    }
}
