using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Common.Exceptions;

namespace RdvSP.Web.Http.BoundValues;

/// <summary>
/// The same <see cref="BoundValueRules"/> for the minimal API endpoints: a refused argument is a
/// 400 ValidationProblemDetails naming the parameter, before the endpoint runs.
/// </summary>
internal static class BoundValuesEndpointFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var checks = factory.MethodInfo.GetParameters()
            .Select((p, index) => (Index: index, Name: BoundName(p), Rule: BoundValueRules.For(p.ParameterType, p.Name)))
            .Where(c => c.Rule is not null)
            .ToArray();
        if (checks.Length == 0) return next;
        return context =>
        {
            var refused = new Dictionary<string, string[]>();
            foreach (var (index, name, rule) in checks)
                if (context.Arguments[index] is { } value && rule!(value) is { } message)
                    refused[name] = [message];
            if (refused.Count > 0) throw new ValidationFailedException(refused);
            return next(context);
        };
    }

    private static string BoundName(ParameterInfo p) =>
        p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.GetCustomAttribute<FromRouteAttribute>()?.Name ?? p.Name ?? "";
}
