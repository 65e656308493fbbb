using Dapper;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Organisations.Catalog;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

internal sealed class CatalogStore(DbSession db) : ICatalogStore
{
    private const string OnlineBookable = "('everyone', 'agents_and_prescripteurs_and_invited_users')";

    // A plage offers its motifs until its last day (the expired flag is refreshed nightly).
    private const string OfferingPlage = """
        not p.expired_cached and (upper_inf(p.active_days) or upper(p.active_days) > (@now at time zone o.time_zone)::date)
        """;

    public async Task<MotifOwner?> MotifOwnerAsync(long motifId, CancellationToken cancellationToken) =>
        (await ListAsync<(long OrganisationId, long ServiceId, bool Deleted)>(
            "select organisation_id, service_id, deleted_at is not null from organisations.motifs where id = @motifId", new { motifId }, cancellationToken))
        .Select(r => new MotifOwner(r.OrganisationId, r.ServiceId, r.Deleted)).SingleOrDefault();

    public Task<IReadOnlyList<MotifListItem>> ListMotifsAsync(AgentAccess access, MotifFilter filter, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : $"%{EscapeLike(filter.Search.Trim())}%";
        return ListAsync<MotifListItem>(
            $"""
            select m.id, m.name, m.color, m.service_id, s.name::text as service_name, m.default_duration_in_min, m.location_type,
                   m.collectif, m.bookable_by, m.sectorisation_level, m.follow_up, m.for_secretariat
              from organisations.motifs m
              join organisations.services s on s.id = m.service_id
             where m.organisation_id = @organisationId and m.deleted_at is null
               and (@wholeOrganisation or m.service_id = any(@serviceIds))
               and (@serviceId::bigint is null or m.service_id = @serviceId)
               and (@locationType::text is null or m.location_type = @locationType)
               and (@bookableOnline::boolean is null or (m.bookable_by in {OnlineBookable}) = @bookableOnline)
               and (@search::text is null or public.immutable_unaccent(m.name) ilike public.immutable_unaccent(@search))
             order by lower(public.immutable_unaccent(s.name)), lower(public.immutable_unaccent(m.name)), m.id
            """,
            new
            {
                organisationId = access.OrganisationId,
                wholeOrganisation = access.SeesWholeOrganisation,
                serviceIds = access.ServiceIds.ToArray(),
                serviceId = filter.ServiceId,
                locationType = filter.LocationType,
                bookableOnline = filter.BookableOnline,
                search,
            },
            cancellationToken);
    }

    public async Task<MotifChoices> MotifChoicesAsync(long organisationId, CancellationToken cancellationToken)
    {
        // Services present in the organisation: enabled in its territory, or served by its agents or its motifs.
        const string sql = """
            select s.id, s.name::text as name
              from organisations.services s
             where s.name <> 'Secrétariat' and s.short_name <> 'Secrétariat'
               and (exists (select 1 from organisations.territory_services ts join organisations.organisations o on o.territory_id = ts.territory_id
                             where o.id = @organisationId and ts.service_id = s.id)
                    or exists (select 1 from organisations.agent_services x join organisations.agent_roles r on r.agent_id = x.agent_id
                                where r.organisation_id = @organisationId and x.service_id = s.id)
                    or exists (select 1 from organisations.motifs m where m.organisation_id = @organisationId and m.service_id = s.id))
             order by lower(public.immutable_unaccent(s.name));
            select c.id, c.name
              from organisations.motif_categories c
              join organisations.motif_categories_territories ct on ct.motif_category_id = c.id
              join organisations.organisations o on o.territory_id = ct.territory_id
             where o.id = @organisationId
             order by lower(public.immutable_unaccent(c.name));
            select verticale from organisations.organisations where id = @organisationId;
            select level, count(*)::int as count from organisations.sector_attributions where organisation_id = @organisationId group by level;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { organisationId }, db.Transaction, cancellationToken: cancellationToken));
        var services = (await grid.ReadAsync<(long Id, string Name)>()).Select(r => new ChoiceItem(r.Id, r.Name)).ToList();
        var categories = (await grid.ReadAsync<(long Id, string Name)>()).Select(r => new ChoiceItem(r.Id, r.Name)).ToList();
        var verticale = await grid.ReadSingleAsync<string>();
        var sectors = (await grid.ReadAsync<(string Level, int Count)>()).ToDictionary(r => r.Level, r => r.Count);
        return new MotifChoices(services, categories, verticale, sectors);
    }

    public async Task<MotifUsage> MotifUsageAsync(long motifId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (rdvs, upcoming, plages) = (await SingleAsync<(int, int, int)>(
            $"""
            select (select count(*)::int from booking.rdvs r where r.motif_id = m.id) as rdv_count,
                   (select count(*)::int from booking.rdvs r where r.motif_id = m.id and r.starts_at >= @now and r.status not in ('excused', 'revoked')) as upcoming_rdv_count,
                   (select count(*)::int from availability.motifs_plage_ouvertures mp join availability.plage_ouvertures p on p.id = mp.plage_ouverture_id
                     where mp.motif_id = m.id and {OfferingPlage}) as plage_count
              from organisations.motifs m
              join organisations.organisations o on o.id = m.organisation_id
             where m.id = @motifId
            """,
            new { motifId, now },
            cancellationToken));
        return new MotifUsage(rdvs, upcoming, plages);
    }

    public async Task<bool> MotifNameTakenAsync(long organisationId, long serviceId, string locationType, string name, long? exceptMotifId, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>(
            """
            select exists (select 1 from organisations.motifs
                            where organisation_id = @organisationId and service_id = @serviceId and location_type = @locationType
                              and name = @name and deleted_at is null and (@exceptMotifId::bigint is null or id <> @exceptMotifId))
            """,
            new { organisationId, serviceId, locationType, name, exceptMotifId },
            cancellationToken);

    public Task UpdateMotifAsync(long motifId, NewMotif motif, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            update organisations.motifs set
                   service_id = @ServiceId, motif_category_id = @MotifCategoryId, name = @Name, color = @Color,
                   default_duration_in_min = @DefaultDurationInMin, location_type = @LocationType, collectif = @Collectif,
                   bookable_by = @BookableBy, min_public_booking_delay = @MinPublicBookingDelay, max_public_booking_delay = @MaxPublicBookingDelay,
                   visibility_type = @VisibilityType, sectorisation_level = @SectorisationLevel, follow_up = @FollowUp,
                   for_secretariat = @ForSecretariat, restriction_for_rdv = @RestrictionForRdv, instruction_for_rdv = @InstructionForRdv,
                   custom_cancel_warning_message = @CustomCancelWarningMessage, rdvs_editable_by_user = @RdvsEditableByUser,
                   buffer_after_minutes = @BufferAfterMinutes, slot_step_minutes = @SlotStepMinutes
             where id = @Id
            """,
            new DynamicParameters(motif).Also("Id", motifId),
            cancellationToken);

    public Task SoftDeleteMotifAsync(long motifId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("update organisations.motifs set deleted_at = @now where id = @motifId and deleted_at is null", new { motifId, now }, cancellationToken);

    public async Task<LieuOwner?> LieuOwnerAsync(long lieuId, CancellationToken cancellationToken) =>
        (await ListAsync<(long OrganisationId, string Availability)>(
            "select organisation_id, availability from organisations.lieux where id = @lieuId", new { lieuId }, cancellationToken))
        .Select(r => new LieuOwner(r.OrganisationId, r.Availability)).SingleOrDefault();

    public Task<IReadOnlyList<LieuDto>> ListLieuxAsync(long organisationId, CancellationToken cancellationToken) =>
        ListAsync<LieuDto>(
            """
            select id, organisation_id, name, address, latitude, longitude, phone_number, phone_number_formatted, availability
              from organisations.lieux
             where organisation_id = @organisationId and availability <> 'single_use'
             order by availability = 'disabled', lower(public.immutable_unaccent(name)), id
            """,
            new { organisationId },
            cancellationToken);

    public async Task<LieuReferences> LieuReferencesAsync(long lieuId, CancellationToken cancellationToken)
    {
        const string sql = """
            select p.id, p.title, p.agent_id, trim(coalesce(a.first_name || ' ', '') || a.last_name) as agent_name
              from availability.plage_ouvertures p
              join organisations.agents a on a.id = p.agent_id
             where p.lieu_id = @lieuId
             order by p.first_day desc, p.id
             limit 100;
            select count(*)::int from booking.rdvs where lieu_id = @lieuId;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { lieuId }, db.Transaction, cancellationToken: cancellationToken));
        var plages = (await grid.ReadAsync<(long Id, string Title, long AgentId, string AgentName)>()).Select(r => new LieuPlage(r.Id, r.Title, r.AgentId, r.AgentName)).ToList();
        return new LieuReferences(plages, await grid.ReadSingleAsync<int>());
    }

    public Task UpdateLieuAsync(long lieuId, LieuFields lieu, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            update organisations.lieux set name = @Name, address = @Address, latitude = @Latitude, longitude = @Longitude,
                   phone_number = @PhoneNumber, phone_number_formatted = @PhoneNumberFormatted, availability = @Availability
             where id = @Id
            """,
            new DynamicParameters(lieu).Also("Id", lieuId),
            cancellationToken);

    // Guarded again in SQL: a plage or RDV committed since the check keeps the lieu.
    public Task DeleteLieuAsync(long lieuId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            delete from organisations.lieux l
             where l.id = @lieuId
               and not exists (select 1 from availability.plage_ouvertures p where p.lieu_id = l.id)
               and not exists (select 1 from booking.rdvs r where r.lieu_id = l.id)
            """,
            new { lieuId },
            cancellationToken);

    public async Task<OrganisationSettings> OrganisationSettingsAsync(long organisationId, CancellationToken cancellationToken) =>
        (await SingleAsync<OrganisationSettings>(
            "select name, phone_number, email, website, horaires, time_zone, reminder_lead_hours from organisations.organisations where id = @organisationId",
            new { organisationId },
            cancellationToken))!;

    public async Task<bool> OrganisationNameTakenAsync(long organisationId, string name, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>(
            """
            select exists (select 1 from organisations.organisations other join organisations.organisations o on o.territory_id = other.territory_id
                            where o.id = @organisationId and other.id <> o.id and other.name = @name)
            """,
            new { organisationId, name },
            cancellationToken);

    public Task UpdateOrganisationSettingsAsync(long organisationId, OrganisationSettings settings, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            update organisations.organisations set name = @Name, phone_number = @PhoneNumber, email = @Email, website = @Website,
                   horaires = @Horaires, time_zone = @TimeZone, reminder_lead_hours = @ReminderLeadHours
             where id = @Id
            """,
            new DynamicParameters(settings).Also("Id", organisationId),
            cancellationToken);

    public async Task<OnlineBooking> OnlineBookingAsync(long organisationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = $"""
            select name, exists (select 1 from organisations.sector_attributions sa where sa.organisation_id = o.id) as sectorised
              from organisations.organisations o where o.id = @organisationId;
            select m.id, m.name, s.name::text as service_name, m.location_type, m.collectif, m.bookable_by,
                   (select count(*)::int from availability.motifs_plage_ouvertures mp join availability.plage_ouvertures p on p.id = mp.plage_ouverture_id
                     where mp.motif_id = m.id and {OfferingPlage}) as plage_count,
                   (select count(*)::int from booking.rdvs r
                     where r.motif_id = m.id and r.starts_at > @now and r.status <> 'revoked'
                       and (r.max_participants_count is null or r.users_count < r.max_participants_count)) as open_collective_rdv_count
              from organisations.motifs m
              join organisations.organisations o on o.id = m.organisation_id
              join organisations.services s on s.id = m.service_id
             where m.organisation_id = @organisationId and m.deleted_at is null
             order by lower(public.immutable_unaccent(s.name)), lower(public.immutable_unaccent(m.name)), m.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { organisationId, now }, db.Transaction, cancellationToken: cancellationToken));
        var head = await grid.ReadSingleAsync<(string Name, bool Sectorised)>();
        var motifs = (await grid.ReadAsync<OnlineBookingMotif>()).AsList();
        return new OnlineBooking(head.Name, head.Sectorised, motifs);
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken)))!;
    }

    private async Task<T?> SingleAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters Also(this DynamicParameters parameters, string name, object value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
