using System.Reflection;
using Microsoft.AspNetCore.Components;
using SspKbh.Tests.Shared;

namespace SspKbh.Web.Tests;

public sealed class InteractiveRouteListTests
{
    /// <summary>Every routable component without [ExcludeFromInteractiveRouting] is in the leak test's list, and nothing else is.</summary>
    [Fact]
    public void The_leak_tests_list_of_interactive_pages_is_complete()
    {
        var interactive = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(interactive);
        Assert.Equal(interactive, InteractiveRoutes.All.Order(StringComparer.Ordinal).ToList());
    }
}
