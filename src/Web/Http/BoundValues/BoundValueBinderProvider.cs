using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RdvSP.Web.Http.BoundValues;

/// <summary>
/// Wraps MVC's own binder of every value a <see cref="BoundValueRules"/> rule applies to (strings,
/// dates, ids, pages, coordinates, id lists — on bound properties, handler parameters and the
/// properties of form models alike): a refused value leaves a French ModelState error and no value.
/// </summary>
internal sealed class BoundValueBinderProvider(IList<IModelBinderProvider> providers) : IModelBinderProvider
{
    public static void Register(MvcOptions options) =>
        options.ModelBinderProviders.Insert(0, new BoundValueBinderProvider(options.ModelBinderProviders));

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var rule = BoundValueRules.For(context.Metadata.ModelType, context.Metadata.Name);
        if (rule is null) return null;
        foreach (var provider in providers)
            if (provider != this && provider.GetBinder(context) is { } inner)
                return new CheckedBinder(inner, rule);
        return null;
    }

    private sealed class CheckedBinder(IModelBinder inner, Func<object, string?> rule) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (context.Result.IsModelSet && context.Result.Model is { } value && rule(value) is { } message)
            {
                context.ModelState.TryAddModelError(context.ModelName, message);
                context.Result = ModelBindingResult.Failed();
            }
        }
    }
}
