using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Domain.Common;
using RdvSP.Domain.Common.Webhooks;

namespace RdvSP.Application.Webhooks;

/// <summary>
/// Webhook endpoints of an organisation (REFERENCE-API §2.20, §4.1), shared by the admin UI and the API.
/// Only the organisation's admins manage them; every request naming an endpoint checks it belongs to
/// the organisation of the request.
/// </summary>
public sealed record WebhookEndpointView(long Id, long OrganisationId, string TargetUrl, string MaskedSecret, IReadOnlyList<string> Subscriptions)
{
    public static WebhookEndpointView From(WebhookEndpointDto endpoint) =>
        new(endpoint.Id, endpoint.OrganisationId, endpoint.TargetUrl, WebhookSecret.Mask(endpoint.Secret), endpoint.Subscriptions);
}

internal static class WebhookEndpointAccess
{
    public static async ValueTask<bool> AdminOfEndpointAsync(IWebhookEndpointStore store, AgentAccess access, long endpointId, CancellationToken cancellationToken) =>
        access.IsAdmin && await store.GetAsync(endpointId, cancellationToken) is { } endpoint && endpoint.OrganisationId == access.OrganisationId;

    public static ValidationFailedException TargetUrlTaken() =>
        new(new Dictionary<string, string[]> { ["TargetUrl"] = ["Cette URL est déjà utilisée par un autre webhook de l'organisation."] });
}

/// <summary>Rules shared by the creation and the update (§4.1: URL and secret required, subscriptions among the 11 models).</summary>
internal static class WebhookEndpointRules
{
    public const string InvalidSubscriptions = "La liste des abonnements choisis contient une ou plusieurs valeurs incorrectes.";

    public static void TargetUrl<T>(IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("L'URL cible doit être renseignée.")
            .MaximumLength(2000).WithMessage("L'URL cible ne doit pas dépasser 2000 caractères.");

    public static void Secret<T>(IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Le secret doit être renseigné.")
            .MaximumLength(500).WithMessage("Le secret ne doit pas dépasser 500 caractères.");

    public static void Subscriptions<T>(IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(s => s is null || WebhookSubscriptions.AreValid(s)).WithMessage(InvalidSubscriptions);
}

public sealed record ListWebhookEndpointsQuery(long OrganisationId, string? TargetUrl = null) : IOrganisationRequest, IQuery<IReadOnlyList<WebhookEndpointView>>;

public sealed class ListWebhookEndpointsPolicy : IPolicy<ListWebhookEndpointsQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListWebhookEndpointsQuery request, CancellationToken cancellationToken) => Policy.When(access.IsAdmin);
}

public sealed class ListWebhookEndpointsHandler(IWebhookEndpointStore store) : IQueryHandler<ListWebhookEndpointsQuery, IReadOnlyList<WebhookEndpointView>>
{
    public async ValueTask<IReadOnlyList<WebhookEndpointView>> Handle(ListWebhookEndpointsQuery query, CancellationToken cancellationToken) =>
        (await store.ListAsync(query.OrganisationId, query.TargetUrl, cancellationToken)).Select(WebhookEndpointView.From).ToList();
}

public sealed record GetWebhookEndpointQuery(long OrganisationId, long WebhookEndpointId) : IOrganisationRequest, IQuery<WebhookEndpointView>;

public sealed class GetWebhookEndpointPolicy(IWebhookEndpointStore store) : IPolicy<GetWebhookEndpointQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetWebhookEndpointQuery request, CancellationToken cancellationToken) =>
        WebhookEndpointAccess.AdminOfEndpointAsync(store, access, request.WebhookEndpointId, cancellationToken);
}

public sealed class GetWebhookEndpointHandler(IWebhookEndpointStore store) : IQueryHandler<GetWebhookEndpointQuery, WebhookEndpointView>
{
    public async ValueTask<WebhookEndpointView> Handle(GetWebhookEndpointQuery query, CancellationToken cancellationToken) =>
        WebhookEndpointView.From((await store.GetAsync(query.WebhookEndpointId, cancellationToken))!);
}

/// <summary>Creates an endpoint; <paramref name="Trigger"/> replays the organisation's records to it (§4.5; the API's default, never the UI's).</summary>
public sealed record CreateWebhookEndpointCommand(long OrganisationId, string? TargetUrl, string? Secret, IReadOnlyList<string>? Subscriptions, bool Trigger)
    : IOrganisationRequest, ICommand<WebhookEndpointView>;

public sealed class CreateWebhookEndpointPolicy : IPolicy<CreateWebhookEndpointCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, CreateWebhookEndpointCommand request, CancellationToken cancellationToken) => Policy.When(access.IsAdmin);
}

public sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpointCommand>
{
    public CreateWebhookEndpointValidator()
    {
        WebhookEndpointRules.TargetUrl(RuleFor(c => c.TargetUrl));
        WebhookEndpointRules.Secret(RuleFor(c => c.Secret));
        WebhookEndpointRules.Subscriptions(RuleFor(c => c.Subscriptions));
    }
}

public sealed class CreateWebhookEndpointHandler(IWebhookEndpointStore store, IWebhookCapture capture) : ICommandHandler<CreateWebhookEndpointCommand, WebhookEndpointView>
{
    public async ValueTask<WebhookEndpointView> Handle(CreateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        var subscriptions = (command.Subscriptions ?? WebhookSubscriptions.Default).Distinct().ToList();
        var id = await store.AddAsync(command.OrganisationId, command.TargetUrl!.Trim(), command.Secret!, subscriptions, cancellationToken)
            ?? throw WebhookEndpointAccess.TargetUrlTaken();
        if (command.Trigger) await capture.ReplayAsync(id, cancellationToken);
        return WebhookEndpointView.From((await store.GetAsync(id, cancellationToken))!);
    }
}

/// <summary>
/// Updates an endpoint; null fields are kept. A secret equal to the mask the UI showed keeps the current one.
/// Pending retries use the new URL and secret (the dispatcher re-reads the endpoint at each attempt).
/// </summary>
public sealed record UpdateWebhookEndpointCommand(
    long OrganisationId, long WebhookEndpointId, string? TargetUrl, string? Secret, IReadOnlyList<string>? Subscriptions, bool Trigger)
    : IOrganisationRequest, ICommand<WebhookEndpointView>;

public sealed class UpdateWebhookEndpointPolicy(IWebhookEndpointStore store) : IPolicy<UpdateWebhookEndpointCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, UpdateWebhookEndpointCommand request, CancellationToken cancellationToken) =>
        WebhookEndpointAccess.AdminOfEndpointAsync(store, access, request.WebhookEndpointId, cancellationToken);
}

public sealed class UpdateWebhookEndpointValidator : AbstractValidator<UpdateWebhookEndpointCommand>
{
    public UpdateWebhookEndpointValidator()
    {
        When(c => c.TargetUrl is not null, () => WebhookEndpointRules.TargetUrl(RuleFor(c => c.TargetUrl)));
        When(c => c.Secret is not null, () => WebhookEndpointRules.Secret(RuleFor(c => c.Secret)));
        WebhookEndpointRules.Subscriptions(RuleFor(c => c.Subscriptions));
    }
}

public sealed class UpdateWebhookEndpointHandler(IWebhookEndpointStore store, IWebhookCapture capture) : ICommandHandler<UpdateWebhookEndpointCommand, WebhookEndpointView>
{
    public async ValueTask<WebhookEndpointView> Handle(UpdateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        var current = (await store.GetAsync(command.WebhookEndpointId, cancellationToken))!;
        var secret = command.Secret is null ? current.Secret : WebhookSecret.Resolve(command.Secret, current.Secret);
        var subscriptions = command.Subscriptions?.Distinct().ToList() ?? current.Subscriptions;
        if (!await store.UpdateAsync(current.Id, command.TargetUrl?.Trim() ?? current.TargetUrl, secret, subscriptions, cancellationToken))
            throw WebhookEndpointAccess.TargetUrlTaken();
        if (command.Trigger) await capture.ReplayAsync(current.Id, cancellationToken);
        return WebhookEndpointView.From((await store.GetAsync(current.Id, cancellationToken))!);
    }
}

public sealed record DeleteWebhookEndpointCommand(long OrganisationId, long WebhookEndpointId) : IOrganisationRequest, ICommand<Result>;

public sealed class DeleteWebhookEndpointPolicy(IWebhookEndpointStore store) : IPolicy<DeleteWebhookEndpointCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, DeleteWebhookEndpointCommand request, CancellationToken cancellationToken) =>
        WebhookEndpointAccess.AdminOfEndpointAsync(store, access, request.WebhookEndpointId, cancellationToken);
}

public sealed class DeleteWebhookEndpointHandler(IWebhookEndpointStore store) : ICommandHandler<DeleteWebhookEndpointCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteWebhookEndpointCommand command, CancellationToken cancellationToken) =>
        await store.DeleteAsync(command.WebhookEndpointId, cancellationToken)
            ? Result.Success
            : new Error("webhooks.endpoint_not_found", "Ce webhook n'existe plus.");
}

/// <summary>Replays the organisation's records to one endpoint (§4.5) — what the API runs after a create/update unless <c>trigger</c> is JSON false.</summary>
public sealed record ReplayWebhookEndpointCommand(long OrganisationId, long WebhookEndpointId) : IOrganisationRequest, ICommand<int>;

public sealed class ReplayWebhookEndpointPolicy(IWebhookEndpointStore store) : IPolicy<ReplayWebhookEndpointCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ReplayWebhookEndpointCommand request, CancellationToken cancellationToken) =>
        WebhookEndpointAccess.AdminOfEndpointAsync(store, access, request.WebhookEndpointId, cancellationToken);
}

public sealed class ReplayWebhookEndpointHandler(IWebhookCapture capture) : ICommandHandler<ReplayWebhookEndpointCommand, int>
{
    public async ValueTask<int> Handle(ReplayWebhookEndpointCommand command, CancellationToken cancellationToken) =>
        await capture.ReplayAsync(command.WebhookEndpointId, cancellationToken);
}

/// <summary>The deliveries page of an endpoint: its latest 100 deliveries, newest first.</summary>
public sealed record ListWebhookDeliveriesQuery(long OrganisationId, long WebhookEndpointId) : IOrganisationRequest, IQuery<WebhookDeliveriesView>;

public sealed record WebhookDeliveriesView(WebhookEndpointView Endpoint, IReadOnlyList<WebhookDeliveryDto> Deliveries);

public sealed class ListWebhookDeliveriesPolicy(IWebhookEndpointStore store) : IPolicy<ListWebhookDeliveriesQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListWebhookDeliveriesQuery request, CancellationToken cancellationToken) =>
        WebhookEndpointAccess.AdminOfEndpointAsync(store, access, request.WebhookEndpointId, cancellationToken);
}

public sealed class ListWebhookDeliveriesHandler(IWebhookEndpointStore store) : IQueryHandler<ListWebhookDeliveriesQuery, WebhookDeliveriesView>
{
    public async ValueTask<WebhookDeliveriesView> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        var endpoint = (await store.GetAsync(query.WebhookEndpointId, cancellationToken))!;
        return new WebhookDeliveriesView(WebhookEndpointView.From(endpoint), await store.DeliveriesAsync(endpoint.Id, 100, cancellationToken));
    }
}
