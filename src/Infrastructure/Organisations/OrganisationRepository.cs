using Dapper;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

internal sealed class OrganisationRepository(DbSession db) : IOrganisationRepository
{
    private const string TerritoryColumns = "id, departement_number, name, phone_number, holiday_calendar";

    private const string OrganisationColumns = """
        o.id, o.territory_id, t.departement_number, o.name, o.phone_number, o.email, o.website, o.horaires,
        o.external_id, o.time_zone, o.verticale, o.new_domain
        """;

    private const string MotifColumns = """
        m.id, m.organisation_id, m.service_id, s.name as service_name, m.motif_category_id, m.name,
        m.slug, m.color, m.default_duration_in_min, m.location_type,
        m.collectif, m.bookable_by, m.min_public_booking_delay, m.max_public_booking_delay, m.visibility_type,
        m.sectorisation_level, m.follow_up, m.for_secretariat, m.restriction_for_rdv, m.instruction_for_rdv,
        m.custom_cancel_warning_message, m.rdvs_editable_by_user, m.rdvs_cancellable_by_user,
        m.buffer_after_minutes, m.slot_step_minutes, m.deleted_at
        """;

    private const string LieuColumns = "id, organisation_id, name, address, latitude, longitude, phone_number, phone_number_formatted, availability";

    public async Task<long> AddTerritoryAsync(NewTerritory territory, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into organisations.territories (departement_number, name, phone_number)
            values (@DepartementNumber, @Name, @PhoneNumber)
            returning id
            """;
        return await ExecuteScalarAsync<long>(sql, territory, cancellationToken);
    }

    public Task<TerritoryDto?> GetTerritoryAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync<TerritoryDto>($"select {TerritoryColumns} from organisations.territories where id = @id", new { id }, cancellationToken);

    public Task<TerritoryDto?> FindTerritoryByNameAsync(string name, CancellationToken cancellationToken) =>
        QuerySingleAsync<TerritoryDto>($"select {TerritoryColumns} from organisations.territories where name = @name", new { name }, cancellationToken);

    public async Task<long> AddOrganisationAsync(NewOrganisation organisation, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into organisations.organisations (territory_id, name, phone_number, email, website, horaires, external_id, time_zone)
            values (@TerritoryId, @Name, @PhoneNumber, @Email, @Website, @Horaires, @ExternalId, @TimeZone)
            returning id
            """;
        return await ExecuteScalarAsync<long>(sql, organisation, cancellationToken);
    }

    public Task<OrganisationDto?> GetOrganisationAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync<OrganisationDto>(
            $"""
            select {OrganisationColumns}
              from organisations.organisations o
              join organisations.territories t on t.id = o.territory_id
             where o.id = @id
            """,
            new { id },
            cancellationToken);

    public Task<OrganisationDto?> FindOrganisationByExternalIdAsync(string departementNumber, string externalId, CancellationToken cancellationToken) =>
        QuerySingleAsync<OrganisationDto>(
            $"""
            select {OrganisationColumns}
              from organisations.organisations o
              join organisations.territories t on t.id = o.territory_id
             where t.departement_number = @departementNumber and o.external_id = @externalId
            """,
            new { departementNumber, externalId },
            cancellationToken);

    public async Task<long> EnsureServiceAsync(string name, string shortName, CancellationToken cancellationToken)
    {
        // Two statements in one round-trip: insert if missing, then read whichever row exists.
        const string sql = """
            insert into organisations.services (name, short_name) values (@name, @shortName)
            on conflict (name) do nothing;
            select id from organisations.services where name = @name::citext;
            """;
        return await ExecuteScalarAsync<long>(sql, new { name, shortName }, cancellationToken);
    }

    public async Task<IReadOnlyList<ServiceDto>> ListServicesAsync(CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ServiceDto>(new CommandDefinition(
            "select id, name::text as name, short_name::text as short_name from organisations.services order by lower(public.immutable_unaccent(name))",
            transaction: db.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<long> AddMotifAsync(NewMotif motif, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into organisations.motifs (
                organisation_id, service_id, motif_category_id, name, color, default_duration_in_min, location_type,
                collectif, bookable_by, min_public_booking_delay, max_public_booking_delay, visibility_type,
                sectorisation_level, follow_up, for_secretariat, restriction_for_rdv, instruction_for_rdv,
                custom_cancel_warning_message, rdvs_editable_by_user, rdvs_cancellable_by_user,
                buffer_after_minutes, slot_step_minutes)
            values (
                @OrganisationId, @ServiceId, @MotifCategoryId, @Name, @Color, @DefaultDurationInMin, @LocationType,
                @Collectif, @BookableBy, @MinPublicBookingDelay, @MaxPublicBookingDelay, @VisibilityType,
                @SectorisationLevel, @FollowUp, @ForSecretariat, @RestrictionForRdv, @InstructionForRdv,
                @CustomCancelWarningMessage, @RdvsEditableByUser, @RdvsCancellableByUser,
                @BufferAfterMinutes, @SlotStepMinutes)
            returning id
            """;
        return await ExecuteScalarAsync<long>(sql, motif, cancellationToken);
    }

    public Task<MotifDto?> GetMotifAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync<MotifDto>(
            $"""
            select {MotifColumns}
              from organisations.motifs m
              join organisations.services s on s.id = m.service_id
             where m.id = @id
            """,
            new { id },
            cancellationToken);

    public async Task<long> AddLieuAsync(NewLieu lieu, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into organisations.lieux (organisation_id, name, address, latitude, longitude, phone_number, phone_number_formatted, availability)
            values (@OrganisationId, @Name, @Address, @Latitude, @Longitude, @PhoneNumber, @PhoneNumberFormatted, @Availability)
            returning id
            """;
        return await ExecuteScalarAsync<long>(sql, lieu, cancellationToken);
    }

    public Task<LieuDto?> GetLieuAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync<LieuDto>($"select {LieuColumns} from organisations.lieux where id = @id", new { id }, cancellationToken);

    private async Task<T> ExecuteScalarAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken)))!;
    }

    private async Task<T?> QuerySingleAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }
}
