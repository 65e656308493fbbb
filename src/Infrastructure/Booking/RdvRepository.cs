using System.Security.Cryptography;
using Dapper;
using Npgsql;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Booking;

internal sealed class RdvRepository(DbSession db) : IRdvRepository
{
    private const string Savepoint = "booking_write";
    private const string LockSavepoint = "booking_lock";
    private const string ActiveStatuses = "('unknown', 'seen', 'noshow')";

    // Namespace of the advisory locks taken per agent ("RDVP"), so other features can use other keys.
    private const int AgentLockNamespace = 0x52445650;

    // Participation tokens: long enough to resist guessing without rate limiting; no 0/O/1/I confusion.
    private const string TokenAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int TokenLength = 24;

    private const string RdvColumns = """
        r.id, r.uuid, r.starts_at, r.ends_at, r.status, r.cancelled_at, r.name, r.context, r.max_participants_count,
        r.users_count, r.created_by_type, r.created_by_id, r.organisation_id, o.name as organisation_name,
        o.phone_number as organisation_phone_number, o.time_zone, r.motif_id, m.name as motif_name, m.location_type,
        m.collectif, m.bookable_by, m.visibility_type, m.rdvs_editable_by_user, m.rdvs_cancellable_by_user,
        m.instruction_for_rdv, m.restriction_for_rdv, m.custom_cancel_warning_message, r.lieu_id,
        l.name as lieu_name, l.address as lieu_address, coalesce(l.phone_number, o.phone_number) as lieu_phone_number
        """;

    internal static string NewToken() => RandomNumberGenerator.GetString(TokenAlphabet, TokenLength);

    public async Task<bool> TryLockAgentsAsync(IReadOnlyCollection<long> agentIds, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (db.Transaction is null)
            throw new InvalidOperationException("Agent locks only make sense inside a transaction (IUnitOfWork.BeginAsync).");
        var connection = await db.ConnectionAsync(cancellationToken);
        var transaction = db.Transaction;
        // A lock wait cut short aborts the statement: the savepoint keeps the request's transaction usable
        // and releases the locks taken before it.
        await transaction.SaveAsync(LockSavepoint, cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "select set_config('lock_timeout', @wait, true)",
                new { wait = $"{Math.Max(1, (int)maxWait.TotalMilliseconds)}ms" },
                transaction,
                cancellationToken: cancellationToken));
            // Always in id order, so two bookings sharing agents cannot deadlock.
            foreach (var agentId in agentIds.Distinct().Order())
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "select pg_advisory_xact_lock(@ns, (@agentId % 2147483647)::int)",
                    new { ns = AgentLockNamespace, agentId },
                    transaction,
                    cancellationToken: cancellationToken));
            }
            await connection.ExecuteAsync(new CommandDefinition("set local lock_timeout to default", transaction: transaction, cancellationToken: cancellationToken));
            await transaction.ReleaseAsync(LockSavepoint, cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await transaction.RollbackAsync(LockSavepoint, cancellationToken);
            return false;
        }
    }

    public async Task<bool> AllAgentsBookedAsync(IReadOnlyCollection<long> agentIds, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken)
    {
        const string sql = """
            select count(distinct agent_id)
              from booking.agents_rdvs
             where exclusive
               and agent_id = any(@AgentIds)
               and tstzrange(starts_at, ends_at, '[)') && tstzrange(@StartsAt, @EndsAt, '[)')
            """;
        var distinct = agentIds.Distinct().ToArray();
        var connection = await db.ConnectionAsync(cancellationToken);
        var booked = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql,
            new { AgentIds = distinct, StartsAt = startsAt.ToUniversalTime(), EndsAt = endsAt.ToUniversalTime() },
            db.Transaction,
            cancellationToken: cancellationToken));
        return distinct.Length > 0 && booked == distinct.Length;
    }

    public Task<Result<RdvCreated>> InsertAsync(NewRdv rdv, CancellationToken cancellationToken) =>
        WriteAsync<Result<RdvCreated>>(
            async connection =>
            {
                const string insertRdv = """
                    insert into booking.rdvs (starts_at, ends_at, organisation_id, motif_id, lieu_id, name, max_participants_count,
                                              context, created_by_type, created_by_id, users_count)
                    values (@StartsAt, @EndsAt, @OrganisationId, @MotifId, @LieuId, @Name, @MaxParticipantsCount,
                            @Context, @CreatedByType, @CreatedById, @UsersCount)
                    returning id, uuid
                    """;
                var created = await connection.QuerySingleAsync<RdvCreated>(new CommandDefinition(
                    insertRdv,
                    new
                    {
                        StartsAt = rdv.StartsAt.ToUniversalTime(),
                        EndsAt = rdv.EndsAt.ToUniversalTime(),
                        rdv.OrganisationId,
                        rdv.MotifId,
                        rdv.LieuId,
                        rdv.Name,
                        rdv.MaxParticipantsCount,
                        rdv.Context,
                        rdv.CreatedByType,
                        rdv.CreatedById,
                        UsersCount = rdv.Participants.Count,
                    },
                    db.Transaction,
                    cancellationToken: cancellationToken));

                // Agents (the exclusion constraint fires here) and participations in one statement.
                const string insertLinks = """
                    with agents as (
                        insert into booking.agents_rdvs (agent_id, rdv_id, starts_at, ends_at, exclusive)
                        select agent_id, @RdvId, @StartsAt, @EndsAt, @Exclusive from unnest(@AgentIds) as agent_id
                    )
                    insert into booking.participations (rdv_id, user_id, send_lifecycle_notifications, send_reminder_notification,
                                                        token, created_by_type, created_by_id)
                    select @RdvId, p.user_id, p.lifecycle, p.reminder, p.token, p.created_by_type, p.created_by_id
                      from unnest(@UserIds, @Lifecycle, @Reminder, @Tokens, @CreatedByTypes, @CreatedByIds)
                           as p(user_id, lifecycle, reminder, token, created_by_type, created_by_id)
                    """;
                await connection.ExecuteAsync(new CommandDefinition(
                    insertLinks,
                    new
                    {
                        RdvId = created.Id,
                        StartsAt = rdv.StartsAt.ToUniversalTime(),
                        EndsAt = rdv.EndsAt.ToUniversalTime(),
                        Exclusive = rdv.ExclusiveForAgents,
                        AgentIds = rdv.AgentIds.Distinct().ToArray(),
                        UserIds = rdv.Participants.Select(p => p.UserId).ToArray(),
                        Lifecycle = rdv.Participants.Select(p => p.SendLifecycleNotifications).ToArray(),
                        Reminder = rdv.Participants.Select(p => p.SendReminderNotification).ToArray(),
                        Tokens = rdv.Participants.Select(_ => NewToken()).ToArray(),
                        CreatedByTypes = rdv.Participants.Select(p => p.CreatedByType).ToArray(),
                        CreatedByIds = rdv.Participants.Select(p => p.CreatedById).ToArray(),
                    },
                    db.Transaction,
                    cancellationToken: cancellationToken));
                return created;
            },
            BookingErrors.SlotUnavailable,
            cancellationToken);

    public async Task<RdvDto?> GetAsync(long rdvId, CancellationToken cancellationToken) =>
        (await LoadAsync("select id, 1 as ord from booking.rdvs where id = @RdvId", new { RdvId = rdvId }, familyUserIds: null, cancellationToken))
            .SingleOrDefault();

    public async Task<RdvDto?> GetForUsagerAsync(long rdvId, IReadOnlyCollection<long> familyUserIds, CancellationToken cancellationToken)
    {
        const string filter = """
            select r.id, 1 as ord
              from booking.rdvs r
              join organisations.motifs m on m.id = r.motif_id
             where r.id = @RdvId
               and m.visibility_type <> 'invisible'
               and exists (select 1 from booking.participations p where p.rdv_id = r.id and p.user_id = any(@FamilyUserIds))
            """;
        var family = familyUserIds.ToArray();
        return (await LoadAsync(filter, new { RdvId = rdvId, FamilyUserIds = family }, family, cancellationToken)).SingleOrDefault();
    }

    public Task<IReadOnlyList<RdvDto>> ListForUsagerAsync(
        IReadOnlyCollection<long> familyUserIds,
        bool past,
        DateTimeOffset now,
        int limit,
        long offset,
        CancellationToken cancellationToken)
    {
        // Upcoming = not over, not cancelled, and the family still takes part; everything else is past or cancelled.
        const string upcoming = $"""
            (r.ends_at >= @Now and r.status in {ActiveStatuses}
             and exists (select 1 from booking.participations p where p.rdv_id = r.id and p.user_id = any(@FamilyUserIds) and p.status in {ActiveStatuses}))
            """;
        var (when, order) = past ? ($"not {upcoming}", "r.starts_at desc, r.id desc") : (upcoming, "r.starts_at, r.id");
        var filter = $"""
            select r.id, row_number() over (order by {order}) as ord
              from booking.rdvs r
              join organisations.motifs m on m.id = r.motif_id
             where {when}
               and m.visibility_type <> 'invisible'
               and exists (select 1 from booking.participations p where p.rdv_id = r.id and p.user_id = any(@FamilyUserIds))
             order by {order}
             limit @Limit offset @Offset
            """;
        var family = familyUserIds.ToArray();
        return LoadAsync(filter, new { FamilyUserIds = family, Now = now.ToUniversalTime(), Limit = limit, Offset = offset }, family, cancellationToken);
    }

    public Task<Result> CancelAsync(long rdvId, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!RdvStatuses.IsCancelled(status))
            throw new ArgumentException($"Not a cancellation status: {status}", nameof(status));

        return WriteAsync<Result>(
            async connection =>
            {
                // The rdvs trigger clears the agents' "exclusive" flag: the slot is free again.
                const string sql = $"""
                    with rdv as (
                        update booking.rdvs set status = @Status, cancelled_at = @Now, users_count = 0
                         where id = @RdvId
                        returning id
                    ), participations as (
                        update booking.participations p set status = @Status
                          from rdv where p.rdv_id = rdv.id and p.status in {ActiveStatuses}
                    ), waiting_list as (
                        delete from booking.file_attentes f using rdv where f.rdv_id = rdv.id
                    )
                    select count(*) from rdv
                    """;
                var updated = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    sql,
                    new { RdvId = rdvId, Status = status, Now = now.ToUniversalTime() },
                    db.Transaction,
                    cancellationToken: cancellationToken));
                return updated == 1 ? Result.Success : BookingErrors.RdvNotFound;
            },
            BookingErrors.SlotUnavailable,
            cancellationToken);
    }

    public Task<Result> MoveAsync(long rdvId, DateTimeOffset startsAt, DateTimeOffset endsAt, long agentId, bool exclusive, CancellationToken cancellationToken) =>
        WriteAsync<Result>(
            async connection =>
            {
                var status = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                    "select status from booking.rdvs where id = @rdvId for update",
                    new { rdvId },
                    db.Transaction,
                    cancellationToken: cancellationToken));
                if (status is null) return BookingErrors.RdvNotFound;
                if (RdvStatuses.IsCancelled(status)) return BookingErrors.RdvCancelled;

                // Old agents out first, so the moved rdv cannot conflict with its own former slot.
                const string sql = """
                    delete from booking.agents_rdvs where rdv_id = @RdvId;
                    update booking.rdvs set starts_at = @StartsAt, ends_at = @EndsAt where id = @RdvId;
                    insert into booking.agents_rdvs (agent_id, rdv_id, starts_at, ends_at, exclusive)
                    values (@AgentId, @RdvId, @StartsAt, @EndsAt, @Exclusive);
                    """;
                await connection.ExecuteAsync(new CommandDefinition(
                    sql,
                    new { RdvId = rdvId, StartsAt = startsAt.ToUniversalTime(), EndsAt = endsAt.ToUniversalTime(), AgentId = agentId, Exclusive = exclusive },
                    db.Transaction,
                    cancellationToken: cancellationToken));
                return Result.Success;
            },
            BookingErrors.SlotUnavailable,
            cancellationToken);

    public async Task<IReadOnlyList<CollectiveRdvDto>> ListCollectiveAsync(CollectiveRdvQuery query, CancellationToken cancellationToken)
    {
        const string sql = """
            select r.id, r.motif_id, r.organisation_id, r.lieu_id, r.starts_at, r.ends_at, r.name, r.max_participants_count,
                   r.users_count, r.status,
                   array(select ar.agent_id from booking.agents_rdvs ar where ar.rdv_id = r.id order by ar.agent_id) as agent_ids,
                   array(select concat_ws(' ', a.first_name, a.last_name)
                           from booking.agents_rdvs ar join organisations.agents a on a.id = ar.agent_id
                          where ar.rdv_id = r.id order by ar.agent_id) as agent_names
              from booking.rdvs r
             where r.motif_id = any(@MotifIds)
               and r.status <> 'revoked'
               and r.starts_at >= @From and r.starts_at < @To
               and (@LieuId::bigint is null or r.lieu_id = @LieuId::bigint)
               and (not @OnlyWithSeats or r.max_participants_count is null or r.users_count < r.max_participants_count)
               and (@AgentIds::bigint[] is null
                    or exists (select 1 from booking.agents_rdvs ar where ar.rdv_id = r.id and ar.agent_id = any(@AgentIds::bigint[])))
             order by r.starts_at, r.id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CollectiveRdvDto>(new CommandDefinition(
            sql,
            new
            {
                MotifIds = query.MotifIds.ToArray(),
                From = query.From.ToUniversalTime(),
                To = query.To.ToUniversalTime(),
                query.LieuId,
                query.OnlyWithSeats,
                AgentIds = query.AgentIds is { Count: > 0 } agents ? agents.ToArray() : null,
            },
            db.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public Task<Result<long>> JoinCollectiveAsync(CollectiveJoin join, CancellationToken cancellationToken) =>
        WriteAsync<Result<long>>(
            async connection =>
            {
                // The row lock on the rdv serialises joins: the seat count below cannot go stale.
                const string lockRdv = """
                    select r.status, r.max_participants_count, m.collectif
                      from booking.rdvs r join organisations.motifs m on m.id = r.motif_id
                     where r.id = @RdvId
                       for update of r
                    """;
                var rdv = await connection.QuerySingleOrDefaultAsync<LockedRdv>(new CommandDefinition(
                    lockRdv, new { join.RdvId }, db.Transaction, cancellationToken: cancellationToken));
                if (rdv is null) return BookingErrors.RdvNotFound;
                if (!rdv.Collectif || rdv.Status == RdvStatuses.Revoked) return BookingErrors.CollectiveUnavailable;

                var family = join.FamilyUserIds.Append(join.UserId).Distinct().ToArray();
                var existing = (await connection.QueryAsync<(long Id, long UserId, string Status)>(new CommandDefinition(
                    "select id, user_id, status from booking.participations where rdv_id = @RdvId and user_id = any(@Family)",
                    new { join.RdvId, Family = family },
                    db.Transaction,
                    cancellationToken: cancellationToken))).AsList();
                var own = existing.FirstOrDefault(p => p.UserId == join.UserId);
                if (own != default && !RdvStatuses.IsCancelled(own.Status)) return BookingErrors.AlreadyParticipating;

                // One member per family: the other members' participations go (rolled back if the rdv is full).
                var others = existing.Where(p => p.UserId != join.UserId).Select(p => p.Id).ToArray();
                if (others.Length > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "delete from booking.participations where id = any(@others)", new { others }, db.Transaction, cancellationToken: cancellationToken));
                }

                var taken = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    $"select count(*)::int from booking.participations where rdv_id = @RdvId and status in {ActiveStatuses}",
                    new { join.RdvId },
                    db.Transaction,
                    cancellationToken: cancellationToken));
                if (CollectiveCapacity.CanAddParticipant(rdv.MaxParticipantsCount, taken, join.AllowOverbooking).IsFailure) return BookingErrors.CollectiveFull;

                const string upsert = """
                    insert into booking.participations (rdv_id, user_id, send_lifecycle_notifications, send_reminder_notification,
                                                        token, created_by_type, created_by_id)
                    values (@RdvId, @UserId, @SendLifecycleNotifications, @SendReminderNotification, @Token, @CreatedByType, @CreatedById)
                    on conflict (rdv_id, user_id) do update set status = 'unknown'
                    returning id;
                    """;
                var participationId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    upsert,
                    new
                    {
                        join.RdvId,
                        join.UserId,
                        join.SendLifecycleNotifications,
                        join.SendReminderNotification,
                        Token = NewToken(),
                        join.CreatedByType,
                        join.CreatedById,
                    },
                    db.Transaction,
                    cancellationToken: cancellationToken));
                await RecountAsync(connection, join.RdvId, cancellationToken);
                return participationId;
            },
            BookingErrors.AlreadyParticipating,
            cancellationToken);

    public Task<Result> LeaveCollectiveAsync(long rdvId, long userId, CancellationToken cancellationToken) =>
        WriteAsync<Result>(
            async connection =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "select 1 from booking.rdvs where id = @rdvId for update", new { rdvId }, db.Transaction, cancellationToken: cancellationToken));
                var updated = await connection.ExecuteAsync(new CommandDefinition(
                    $"update booking.participations set status = 'excused' where rdv_id = @rdvId and user_id = @userId and status in {ActiveStatuses}",
                    new { rdvId, userId },
                    db.Transaction,
                    cancellationToken: cancellationToken));
                if (updated == 0) return BookingErrors.ParticipationNotFound;
                await RecountAsync(connection, rdvId, cancellationToken);
                return Result.Success;
            },
            BookingErrors.ParticipationNotFound,
            cancellationToken);

    public async Task<IReadOnlyList<long>> CancelUpcomingOfUsagersAsync(IReadOnlyCollection<long> userIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var parameters = new DynamicParameters(new { UserIds = userIds.ToArray(), Now = now.ToUniversalTime() });
        var rdvIds = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            select r.id
              from booking.rdvs r
             where r.status in {ActiveStatuses} and r.starts_at > @Now
               and exists (select 1 from booking.participations p
                            where p.rdv_id = r.id and p.user_id = any(@UserIds) and p.status in {ActiveStatuses})
             order by r.id
               for update
            """,
            parameters,
            db.Transaction,
            cancellationToken: cancellationToken))).AsList();
        parameters.Add("RdvIds", rdvIds.ToArray());

        // Statements in sequence, each seeing the previous one's changes. The rdvs trigger clears the
        // agents' "exclusive" flag of the rdvs cancelled: their slots are free again.
        const string sql = $"""
            update booking.participations p set status = 'excused'
             where p.rdv_id = any(@RdvIds) and p.user_id = any(@UserIds) and p.status in {ActiveStatuses};

            update booking.rdvs r set status = 'excused', cancelled_at = @Now
              from organisations.motifs m
             where r.id = any(@RdvIds) and m.id = r.motif_id and not m.collectif
               and not exists (select 1 from booking.participations p where p.rdv_id = r.id and p.status in {ActiveStatuses});

            update booking.rdvs r
               set users_count = (select count(*) from booking.participations p where p.rdv_id = r.id and p.status in {ActiveStatuses})
             where r.id = any(@RdvIds);

            delete from booking.file_attentes f
             where f.user_id = any(@UserIds)
                or (f.rdv_id = any(@RdvIds) and exists (select 1 from booking.rdvs r where r.id = f.rdv_id and r.status = 'excused'));
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
        return rdvIds;
    }

    public async Task<ParticipationTokenTarget?> FindByParticipationTokenAsync(string token, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ParticipationTokenTarget>(new CommandDefinition(
            "select id as participation_id, rdv_id, user_id from booking.participations where token = @token",
            new { token },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    private Task RecountAsync(NpgsqlConnection connection, long rdvId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            update booking.rdvs
               set users_count = (select count(*) from booking.participations where rdv_id = @rdvId and status in {ActiveStatuses})
             where id = @rdvId
            """,
            new { rdvId },
            db.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Loads rdvs chosen by <paramref name="filter"/> (a query returning <c>id</c> and <c>ord</c>) with their agents and
    /// participants, in one round-trip. <paramref name="familyUserIds"/> limits the participants shown (a usager never
    /// sees other families of a collective rdv).
    /// </summary>
    private async Task<IReadOnlyList<RdvDto>> LoadAsync(string filter, object parameters, long[]? familyUserIds, CancellationToken cancellationToken)
    {
        var sql = $"""
            with chosen as ({filter})
            select {RdvColumns}
              from chosen
              join booking.rdvs r on r.id = chosen.id
              join organisations.organisations o on o.id = r.organisation_id
              join organisations.motifs m on m.id = r.motif_id
              left join organisations.lieux l on l.id = r.lieu_id
             order by chosen.ord;

            with chosen as ({filter})
            select ar.rdv_id, ar.agent_id, a.first_name, a.last_name, ar.exclusive
              from chosen
              join booking.agents_rdvs ar on ar.rdv_id = chosen.id
              join organisations.agents a on a.id = ar.agent_id
             order by ar.agent_id;

            with chosen as ({filter})
            select p.rdv_id, p.id as participation_id, p.user_id, u.first_name, u.last_name, p.status, p.token,
                   p.send_lifecycle_notifications, p.send_reminder_notification, p.created_by_type
              from chosen
              join booking.participations p on p.rdv_id = chosen.id
              join usagers.users u on u.id = p.user_id
             where (@ShownUserIds::bigint[] is null or p.user_id = any(@ShownUserIds::bigint[]))
             order by p.id;
            """;
        var dynamicParameters = new DynamicParameters(parameters);
        dynamicParameters.Add("ShownUserIds", familyUserIds);

        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, dynamicParameters, db.Transaction, cancellationToken: cancellationToken));
        var rdvs = (await grid.ReadAsync<RdvDto>()).AsList();
        var agents = (await grid.ReadAsync<AgentRow>()).ToLookup(a => a.RdvId);
        var participants = (await grid.ReadAsync<ParticipantRow>()).ToLookup(p => p.RdvId);
        return rdvs
            .Select(r => r with
            {
                Agents = agents[r.Id].Select(a => new RdvAgentDto { AgentId = a.AgentId, FirstName = a.FirstName, LastName = a.LastName, Exclusive = a.Exclusive }).ToList(),
                Participants = participants[r.Id].Select(p => p.ToDto()).ToList(),
            })
            .ToList();
    }

    /// <summary>
    /// Runs a write inside a savepoint of the request's transaction (or a transaction of its own when
    /// none is open): a refused write leaves the transaction usable, and constraint violations from the
    /// database (exclusion 23P01, unique 23505) become <paramref name="onConflict"/>.
    /// </summary>
    private async Task<TResult> WriteAsync<TResult>(Func<NpgsqlConnection, Task<TResult>> work, TResult onConflict, CancellationToken cancellationToken)
        where TResult : IResult
    {
        var ownTransaction = !db.HasActiveTransaction;
        if (ownTransaction) await db.BeginAsync(cancellationToken);
        var connection = await db.ConnectionAsync(cancellationToken);
        var transaction = db.Transaction!;
        await transaction.SaveAsync(Savepoint, cancellationToken);

        TResult result;
        try
        {
            result = await work(connection);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.UniqueViolation)
        {
            result = onConflict;
        }
        catch
        {
            if (ownTransaction) await db.RollbackAsync(cancellationToken);
            else await transaction.RollbackAsync(Savepoint, cancellationToken);
            throw;
        }

        if (result.IsSuccess)
        {
            if (ownTransaction) await db.CommitAsync(cancellationToken);
            else await transaction.ReleaseAsync(Savepoint, cancellationToken);
        }
        else
        {
            if (ownTransaction) await db.RollbackAsync(cancellationToken);
            else await transaction.RollbackAsync(Savepoint, cancellationToken);
        }
        return result;
    }

    private sealed record LockedRdv
    {
        public string Status { get; init; } = "";
        public int? MaxParticipantsCount { get; init; }
        public bool Collectif { get; init; }
    }

    private sealed record AgentRow
    {
        public long RdvId { get; init; }
        public long AgentId { get; init; }
        public string? FirstName { get; init; }
        public string LastName { get; init; } = "";
        public bool Exclusive { get; init; }
    }

    private sealed record ParticipantRow
    {
        public long RdvId { get; init; }
        public long ParticipationId { get; init; }
        public long UserId { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string Status { get; init; } = "";
        public string Token { get; init; } = "";
        public bool SendLifecycleNotifications { get; init; }
        public bool SendReminderNotification { get; init; }
        public string CreatedByType { get; init; } = "";

        public RdvParticipantDto ToDto() => new()
        {
            ParticipationId = ParticipationId,
            UserId = UserId,
            FirstName = FirstName,
            LastName = LastName,
            Status = Status,
            Token = Token,
            SendLifecycleNotifications = SendLifecycleNotifications,
            SendReminderNotification = SendReminderNotification,
            CreatedByType = CreatedByType,
        };
    }
}
