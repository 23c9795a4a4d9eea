using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>Turns the app's route templates into URLs a test can request.</summary>
public static class RouteSamples
{
    /// <summary>Fills route parameters with sample values: 1 for numbers, otherwise a made-up id.</summary>
    public static string SampleUrl(RoutePattern pattern, IReadOnlyDictionary<string, string>? values = null)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        url.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        url.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        url.Append(values?.GetValueOrDefault(parameter.Name) ?? SampleValue(parameter));
                        break;
                }
            }
        }

        return url.Length == 0 ? "/" : url.ToString();
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        if (parameter.Name.Equals("Code", StringComparison.OrdinalIgnoreCase))
        {
            return "404";
        }

        var numeric = parameter.ParameterPolicies.Any(p => p.Content is "int" or "long");
        return numeric ? "1" : "eksempel-id";
    }

    public static IReadOnlyList<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    public static bool AllowsGet(Endpoint endpoint) => Methods(endpoint).Contains("GET");
}
