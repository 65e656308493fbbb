using Dapper;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Availability;

internal sealed class AvailabilityBackOfficeReader(DbSession db) : IAvailabilityBackOfficeReader
{
    /// <summary>The service whose members may also serve "secretariat" motifs (REFERENCE-DOMAIN §2.5).</summary>
    private const string SecretariatName = "Secrétariat";

    private const string MotifColumns = """
        m.id, m.name, m.service_id, s.name as service_name, m.default_duration_in_min as duration_in_min,
        m.location_type, m.organisation_id
        """;

    // §3.6: a one-off plage is expired once its day is past, a recurring one once its "until" day is.
    private const string PlageExpired = """
        ((p.recurrence is null and p.first_day < @today) or (p.recurrence is not null and coalesce(p.recurrence_ends_at::date < @today, false)))
        """;

    private const string AbsenceExpired = """
        ((ab.recurrence is null and ab.end_day < @today and ab.first_day < @today) or (ab.recurrence is not null and coalesce(ab.recurrence_ends_at::date < @today, false)))
        """;

    public async Task<PlageOwner?> PlageOwnerAsync(long plageOuvertureId, CancellationToken cancellationToken) =>
        await QuerySingleAsync<PlageOwner>(
            "select agent_id as AgentId, organisation_id as OrganisationId from availability.plage_ouvertures where id = @plageOuvertureId", new { plageOuvertureId }, cancellationToken);

    public async Task<long?> AbsenceAgentAsync(long absenceId, CancellationToken cancellationToken) =>
        await QuerySingleAsync<long?>("select agent_id from availability.absences where id = @absenceId", new { absenceId }, cancellationToken);

    public async Task<bool> MotifsAndLieuOfOrganisationAsync(long organisationId, IReadOnlyCollection<long> motifIds, long? lieuId, CancellationToken cancellationToken)
    {
        const string sql = """
            select (select count(*) from organisations.motifs m
                     where m.id = any(@motifIds) and m.organisation_id = @organisationId and m.deleted_at is null) = cardinality(@motifIds)
               and (@lieuId::bigint is null or exists (select 1 from organisations.lieux l where l.id = @lieuId and l.organisation_id = @organisationId))
            """;
        return await QuerySingleAsync<bool>(sql, new { organisationId, motifIds = motifIds.Distinct().ToArray(), lieuId }, cancellationToken);
    }

    public async Task<IReadOnlyList<UsableMotif>> UsableMotifsAsync(long organisationId, long agentId, CancellationToken cancellationToken)
    {
        var sql = $"""
            select {MotifColumns}
              from organisations.motifs m
              join organisations.services s on s.id = m.service_id
              join organisations.agent_roles r on r.organisation_id = m.organisation_id and r.agent_id = @agentId
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where m.organisation_id = @organisationId and m.deleted_at is null and not m.collectif
               and (r.access_level = 'admin'
                    or exists (select 1 from organisations.agent_services x where x.agent_id = @agentId and x.service_id = m.service_id)
                    or (m.for_secretariat and exists (
                        select 1 from organisations.agent_services x join organisations.services xs on xs.id = x.service_id
                         where x.agent_id = @agentId and (xs.short_name = @secretariat or xs.name = @secretariat))))
             order by s.name, m.name, m.id
            """;
        return await QueryAsync<UsableMotif>(sql, new { organisationId, agentId, secretariat = SecretariatName }, cancellationToken);
    }

    public async Task<IReadOnlyList<UsableMotif>> MotifsAsync(IReadOnlyCollection<long> motifIds, CancellationToken cancellationToken) =>
        motifIds.Count == 0 ? [] : await QueryAsync<UsableMotif>(
            $"select {MotifColumns} from organisations.motifs m join organisations.services s on s.id = m.service_id where m.id = any(@ids) order by s.name, m.name",
            new { ids = motifIds.ToArray() }, cancellationToken);

    public async Task<IReadOnlyList<LieuOption>> LieuxAsync(long organisationId, CancellationToken cancellationToken) =>
        await QueryAsync<LieuOption>(
            "select id, name, address from organisations.lieux where organisation_id = @organisationId and availability = 'enabled' order by name, id",
            new { organisationId }, cancellationToken);

    public async Task<LieuOption?> LieuAsync(long lieuId, CancellationToken cancellationToken) =>
        await QuerySingleAsync<LieuOption>("select id, name, address from organisations.lieux where id = @lieuId", new { lieuId }, cancellationToken);

    public async Task<string?> AgentNameAsync(long agentId, CancellationToken cancellationToken) =>
        await QuerySingleAsync<string>(
            "select trim(coalesce(first_name, '') || ' ' || last_name) from organisations.agents where id = @agentId", new { agentId }, cancellationToken);

    public async Task<IReadOnlyList<OpeningPeriodRow>> PlagesAsync(long organisationId, long agentId, bool expired, string? search, DateOnly today, CancellationToken cancellationToken)
    {
        var sql = $"""
            select {OpeningPeriodRepository.Columns}
              from availability.plage_ouvertures p
             where p.agent_id = @agentId and p.organisation_id = @organisationId
               and {PlageExpired} = @expired
               and (@search::text is null or p.title ilike '%' || @search || '%')
             order by p.first_day {(expired ? "desc" : "asc")}, p.start_time, p.id
             limit 500
            """;
        return await QueryAsync<OpeningPeriodRow>(sql, new { organisationId, agentId, expired, search = EscapeLike(search), today }, cancellationToken);
    }

    public async Task<IReadOnlyList<OpeningPeriodRow>> CurrentPlagesOfAgentAsync(long agentId, DateOnly today, CancellationToken cancellationToken) =>
        await QueryAsync<OpeningPeriodRow>(
            $"select {OpeningPeriodRepository.Columns} from availability.plage_ouvertures p where p.agent_id = @agentId and not {PlageExpired} order by p.id",
            new { agentId, today }, cancellationToken);

    public async Task<IReadOnlyList<AbsenceRow>> AbsencesAsync(long agentId, bool expired, DateOnly today, CancellationToken cancellationToken)
    {
        var sql = $"""
            select {AbsenceRepository.Columns}
              from availability.absences ab
             where ab.agent_id = @agentId and {AbsenceExpired} = @expired
             order by ab.first_day {(expired ? "desc" : "asc")}, ab.start_time, ab.id
             limit 500
            """;
        return await QueryAsync<AbsenceRow>(sql, new { agentId, expired, today }, cancellationToken);
    }

    /// <summary>The search is a literal text: LIKE's wildcards in it match themselves.</summary>
    private static string? EscapeLike(string? search) =>
        search?.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }

    private async Task<T?> QuerySingleAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }
}
