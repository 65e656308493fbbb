using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Usagers.AgentSpace;

/// <summary>
/// The usager index (REFERENCE-SURFACES §2.3.8): empty until a term or a référent agent is given;
/// the visible usagers matching them, plus — for a term — the territory's other usagers this
/// organisation may add ("link to organisation").
/// </summary>
public sealed record ListUsagersQuery(long OrganisationId, string? Search, long? AgentId) : IOrganisationRequest, IQuery<UsagerIndex>;

public sealed record UsagerIndex(IReadOnlyList<AgentOption> Agents, bool Searched, IReadOnlyList<UsagerRow> Usagers, IReadOnlyList<TerritoryUsager> OtherOrganisations);

/// <summary>Every agent of the organisation lists its usagers; the référent filter must be an agent of the organisation.</summary>
public sealed class ListUsagersPolicy(IAgentAccessReader agents) : IPolicy<ListUsagersQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, ListUsagersQuery request, CancellationToken cancellationToken) =>
        request.AgentId is not { } agentId || await agents.AgentServicesInOrganisationAsync(agentId, access.OrganisationId, cancellationToken) is not null;
}

public sealed class ListUsagersValidator : AbstractValidator<ListUsagersQuery>
{
    public ListUsagersValidator() =>
        RuleFor(q => q.Search).MaximumLength(SearchTerms.MaxLength).WithMessage($"La recherche doit contenir au plus {SearchTerms.MaxLength} caractères.");
}

public sealed class ListUsagersHandler(IUsagerDirectory directory) : IQueryHandler<ListUsagersQuery, UsagerIndex>
{
    public const int PageSize = 50;
    private const int OtherOrganisationsShown = 10;

    public async ValueTask<UsagerIndex> Handle(ListUsagersQuery query, CancellationToken cancellationToken)
    {
        var agents = await directory.OrganisationAgentsAsync(query.OrganisationId, cancellationToken);
        var terms = SearchTerms.Parse(query.Search);
        if (terms.IsEmpty && query.AgentId is null) return new UsagerIndex(agents, false, [], []);
        var usagers = await directory.SearchAsync(query.OrganisationId, new UsagerSearch(terms, query.AgentId, [], PageSize), cancellationToken);
        var others = terms.IsEmpty ? [] : await directory.SearchTerritoryAsync(query.OrganisationId, terms, OtherOrganisationsShown, cancellationToken);
        return new UsagerIndex(agents, true, usagers, others.Select(TerritoryUsager.From).ToList());
    }
}

/// <summary>The pickers' JSON search (RDV wizard, merge): at most 20 visible usagers, some ids left out.</summary>
public sealed record SearchUsagersQuery(long OrganisationId, string? Term, IReadOnlyList<long> ExcludeIds) : IOrganisationRequest, IQuery<IReadOnlyList<UsagerRow>>;

/// <summary>Any agent of the organisation; the SQL scope shows only visible usagers.</summary>
public sealed class SearchUsagersPolicy : IPolicy<SearchUsagersQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, SearchUsagersQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class SearchUsagersValidator : AbstractValidator<SearchUsagersQuery>
{
    public SearchUsagersValidator()
    {
        RuleFor(q => q.Term).MaximumLength(SearchTerms.MaxLength).WithMessage($"La recherche doit contenir au plus {SearchTerms.MaxLength} caractères.");
        RuleFor(q => q.ExcludeIds).Must(ids => ids.Count <= 50).WithMessage("Trop d'usagers à exclure (50 au maximum).");
    }
}

public sealed class SearchUsagersHandler(IUsagerDirectory directory) : IQueryHandler<SearchUsagersQuery, IReadOnlyList<UsagerRow>>
{
    public const int MaxResults = 20;

    public async ValueTask<IReadOnlyList<UsagerRow>> Handle(SearchUsagersQuery query, CancellationToken cancellationToken)
    {
        var terms = SearchTerms.Parse(query.Term);
        if (terms.IsEmpty) return [];
        return await directory.SearchAsync(query.OrganisationId, new UsagerSearch(terms, null, query.ExcludeIds, MaxResults), cancellationToken);
    }
}
