using Dapper;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

/// <summary>
/// Read model of the public search. It reads plages (availability) and collective rdvs (booking) to
/// decide which motifs are bookable: a read-only query across schemas, no writes outside its module.
/// </summary>
internal sealed class PublicCatalogReader(DbSession db) : IPublicCatalogReader
{
    // Motifs of the département the audience may book right now (REFERENCE-DOMAIN §2.5 "available for booking"):
    // individual ones present in a plage that is not over, collective ones with an upcoming rdv with seats left.
    private const string AvailableMotifs = """
        with available as (
            select m.id, m.organisation_id, m.service_id, m.name, m.location_type, m.collectif, m.follow_up,
                   m.slug
              from organisations.motifs m
              join organisations.organisations o on o.id = m.organisation_id
              join organisations.territories t on t.id = o.territory_id
             where t.departement_number = @Departement
               and m.deleted_at is null
               and m.bookable_by = any(@BookableBy)
               and (@IncludeFollowUp or not m.follow_up)
               and (@OrganisationIds::bigint[] is null or m.organisation_id = any(@OrganisationIds::bigint[]))
               and (
                    (not m.collectif and exists (
                        select 1
                          from availability.motifs_plage_ouvertures mp
                          join availability.plage_ouvertures p on p.id = mp.plage_ouverture_id
                          join organisations.agents a on a.id = p.agent_id and a.deleted_at is null
                         where mp.motif_id = m.id
                           and not p.expired_cached
                           and (upper_inf(p.active_days) or upper(p.active_days) > (@Now at time zone o.time_zone)::date)))
                 or (m.collectif and exists (
                        select 1 from booking.rdvs r
                         where r.motif_id = m.id and r.starts_at > @Now and r.status <> 'revoked'
                           and (r.max_participants_count is null or r.users_count < r.max_participants_count)))
               )
        )
        """;

    public async Task<IReadOnlyList<DepartementDto>> ListDepartementsAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            select t.departement_number, t.name as territory_name, count(o.id)::int as organisation_count
              from organisations.territories t
              join organisations.organisations o on o.territory_id = t.id
             where t.departement_number <> ''
             group by t.id
             order by t.departement_number
            """;
        return await QueryAsync<DepartementDto>(sql, null, cancellationToken);
    }

    public async Task<IReadOnlyList<ServiceDto>> ListServicesAsync(PublicCatalogFilter filter, CancellationToken cancellationToken)
    {
        const string sql = AvailableMotifs + """
            select s.id, s.name::text as name, s.short_name::text as short_name
              from organisations.services s
             where s.id in (select service_id from available)
             order by lower(public.immutable_unaccent(s.name))
            """;
        return await QueryAsync<ServiceDto>(sql, Parameters(filter), cancellationToken);
    }

    public async Task<IReadOnlyList<PublicMotifGroupDto>> ListMotifGroupsAsync(PublicCatalogFilter filter, long? serviceId, CancellationToken cancellationToken)
    {
        const string sql = AvailableMotifs + """
            select av.slug, min(av.name) as name, av.location_type, av.service_id, s.name::text as service_name,
                   bool_or(av.collectif) as collectif, bool_or(av.follow_up) as follow_up,
                   array_agg(av.id order by av.id) as motif_ids
              from available av
              join organisations.services s on s.id = av.service_id
             where (@ServiceId::bigint is null or av.service_id = @ServiceId)
             group by av.slug, av.location_type, av.service_id, s.name
             order by lower(public.immutable_unaccent(min(av.name))), av.location_type
            """;
        var parameters = Parameters(filter);
        parameters.Add("ServiceId", serviceId);
        return await QueryAsync<PublicMotifGroupDto>(sql, parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<MotifLieuDto>> ListLieuxAsync(PublicCatalogFilter filter, string motifSlug, CancellationToken cancellationToken)
    {
        const string sql = AvailableMotifs + """
            select * from (
                select distinct on (l.id)
                       l.id as lieu_id, l.name as lieu_name, l.address, l.latitude, l.longitude, l.phone_number,
                       o.id as organisation_id, o.name as organisation_name, av.id as motif_id
                  from available av
                  join organisations.organisations o on o.id = av.organisation_id
                  join organisations.lieux l on l.organisation_id = av.organisation_id and l.availability <> 'disabled'
                 where av.slug = @Slug
                   and (
                        (not av.collectif and exists (
                            select 1
                              from availability.motifs_plage_ouvertures mp
                              join availability.plage_ouvertures p on p.id = mp.plage_ouverture_id
                             where mp.motif_id = av.id and p.lieu_id = l.id and not p.expired_cached
                               and (upper_inf(p.active_days) or upper(p.active_days) > (@Now at time zone o.time_zone)::date)))
                     or (av.collectif and exists (
                            select 1 from booking.rdvs r
                             where r.motif_id = av.id and r.lieu_id = l.id and r.starts_at > @Now and r.status <> 'revoked'
                               and (r.max_participants_count is null or r.users_count < r.max_participants_count)))
                   )
                 order by l.id, av.id
            ) lieux
            order by lower(public.immutable_unaccent(lieu_name)), lieu_id
            """;
        var parameters = Parameters(filter);
        parameters.Add("Slug", motifSlug);
        return await QueryAsync<MotifLieuDto>(sql, parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<MotifOrganisationDto>> ListOrganisationsAsync(PublicCatalogFilter filter, string motifSlug, CancellationToken cancellationToken)
    {
        const string sql = AvailableMotifs + """
            select * from (
                select distinct on (o.id)
                       o.id as organisation_id, o.name, o.phone_number, o.email, o.website, av.id as motif_id
                  from available av
                  join organisations.organisations o on o.id = av.organisation_id
                 where av.slug = @Slug
                 order by o.id, av.id
            ) orgs
            order by lower(public.immutable_unaccent(name)), organisation_id
            """;
        var parameters = Parameters(filter);
        parameters.Add("Slug", motifSlug);
        return await QueryAsync<MotifOrganisationDto>(sql, parameters, cancellationToken);
    }

    /// <summary>bookable_by values each audience may book (REFERENCE-DOMAIN §5.1).</summary>
    internal static string[] BookableValues(PublicAudience audience) => audience switch
    {
        PublicAudience.Everyone => [BookableBy.Everyone],
        PublicAudience.InvitedUser => [BookableBy.Everyone, BookableBy.AgentsAndPrescripteursAndInvitedUsers],
        PublicAudience.Prescripteur => [BookableBy.Everyone, BookableBy.AgentsAndPrescripteursAndInvitedUsers, BookableBy.AgentsAndPrescripteurs],
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, null),
    };

    private static DynamicParameters Parameters(PublicCatalogFilter filter)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Departement", filter.Departement);
        parameters.Add("Now", filter.Now.ToUniversalTime());
        parameters.Add("BookableBy", BookableValues(filter.Audience));
        parameters.Add("IncludeFollowUp", filter.IncludeFollowUp);
        parameters.Add("OrganisationIds", filter.OrganisationIds?.ToArray());
        return parameters;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
