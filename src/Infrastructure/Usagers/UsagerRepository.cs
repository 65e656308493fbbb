using Dapper;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Usagers;

internal sealed class UsagerRepository(DbSession db) : IUsagerRepository
{
    private const string Columns = """
        id, first_name, last_name, birth_name, birth_date, email::text as email, phone_number, phone_number_formatted,
        address, address_details, city_code, post_code, city_name, notify_by_sms, notify_by_email, responsible_id,
        created_through, confirmed_at, deleted_at, created_at
        """;

    public async Task<long> AddAsync(NewUsager usager, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into usagers.users (
                first_name, last_name, birth_name, birth_date, email, phone_number, phone_number_formatted, address,
                address_details, city_code, post_code, city_name, responsible_id, notify_by_sms, notify_by_email,
                created_through, confirmed_at)
            values (
                @FirstName, @LastName, @BirthName, @BirthDate, nullif(trim(@Email), ''), @PhoneNumber, @PhoneNumberFormatted, @Address,
                @AddressDetails, @CityCode, @PostCode, @CityName, @ResponsibleId, @NotifyBySms, @NotifyByEmail,
                @CreatedThrough, @ConfirmedAt)
            returning id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql,
            new
            {
                usager.FirstName,
                usager.LastName,
                usager.BirthName,
                usager.BirthDate,
                usager.Email,
                usager.PhoneNumber,
                usager.PhoneNumberFormatted,
                usager.Address,
                usager.AddressDetails,
                usager.CityCode,
                usager.PostCode,
                usager.CityName,
                usager.ResponsibleId,
                usager.NotifyBySms,
                usager.NotifyByEmail,
                usager.CreatedThrough,
                ConfirmedAt = usager.ConfirmedAt?.ToUniversalTime(),
            },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public Task<UsagerDto?> GetAsync(long id, CancellationToken cancellationToken) =>
        QuerySingleAsync($"select {Columns} from usagers.users where id = @id", new { id }, cancellationToken);

    public Task<UsagerDto?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        QuerySingleAsync($"select {Columns} from usagers.users where email = trim(@email)::citext and deleted_at is null", new { email }, cancellationToken);

    public async Task<bool> UpdateProfileAsync(long id, UsagerProfileUpdate update, CancellationToken cancellationToken)
    {
        const string sql = """
            update usagers.users
               set first_name = @FirstName, last_name = @LastName, birth_name = @BirthName, birth_date = @BirthDate,
                   phone_number = @PhoneNumber, phone_number_formatted = @PhoneNumberFormatted, address = @Address,
                   address_details = @AddressDetails, city_code = @CityCode, post_code = @PostCode, city_name = @CityName,
                   notify_by_sms = @NotifyBySms, notify_by_email = @NotifyByEmail
             where id = @Id and deleted_at is null
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var parameters = new DynamicParameters(update);
        parameters.Add("Id", id);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<UsagerDto>> ListRelativesAsync(long responsibleId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UsagerDto>(new CommandDefinition(
            $"select {Columns} from usagers.users where responsible_id = @responsibleId and deleted_at is null order by first_name, id",
            new { responsibleId },
            db.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<long>> ListFamilyIdsAsync(long usagerId, CancellationToken cancellationToken)
    {
        const string sql = """
            select u.id from usagers.users u where u.id = @usagerId and u.deleted_at is null
            union
            select r.id from usagers.users r where r.responsible_id = @usagerId and r.deleted_at is null
            union
            select p.id from usagers.users u join usagers.users p on p.id = u.responsible_id
             where u.id = @usagerId and p.deleted_at is null
            order by 1
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(sql, new { usagerId }, db.Transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task AddFamilyToOrganisationAsync(long usagerId, long organisationId, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into usagers.user_profiles (user_id, organisation_id)
            select u.id, @organisationId
              from usagers.users u
             where u.deleted_at is null
               and (u.id = @usagerId
                    or u.responsible_id = @usagerId
                    or u.id = (select responsible_id from usagers.users where id = @usagerId))
            on conflict (organisation_id, user_id) do nothing
            """;
        await ExecuteAsync(sql, new { usagerId, organisationId }, cancellationToken);
    }

    public async Task<IReadOnlyList<long>> ListOrganisationIdsAsync(long usagerId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            "select organisation_id from usagers.user_profiles where user_id = @usagerId order by organisation_id",
            new { usagerId },
            db.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public Task AddReferentAsync(long usagerId, long agentId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "insert into usagers.referent_assignations (user_id, agent_id) values (@usagerId, @agentId) on conflict (user_id, agent_id) do nothing",
            new { usagerId, agentId },
            cancellationToken);

    public async Task<IReadOnlyList<long>> ListReferentAgentIdsAsync(long usagerId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            "select agent_id from usagers.referent_assignations where user_id = @usagerId order by agent_id",
            new { usagerId },
            db.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<long>> AnonymiseAsync(long usagerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The usager and its relatives: relatives have no credentials of their own and would otherwise
        // keep personal data nobody can manage. Rdvs and participations stay (statistics), now pointing
        // at anonymous rows. Credentials belong to Identity: the use case deletes them in the same transaction
        // (IUsagerAccountRepository.DeleteAsync).
        const string sql = """
            with targets as (
                select id from usagers.users
                 where (id = @usagerId or responsible_id = @usagerId) and deleted_at is null
            ), wiped as (
                update usagers.users u
                   set first_name = 'Usager', last_name = 'supprimé', birth_name = null, birth_date = null, email = null,
                       phone_number = null, phone_number_formatted = null, address = null, address_details = null,
                       city_code = null, post_code = null, city_name = null, latitude = null, longitude = null,
                       affiliation_number = null, caisse_affiliation = null, family_situation = null,
                       number_of_children = null, logement = null, notes = null, case_number = null,
                       ants_pre_demande_number = null, rdv_invitation_token = null, rdv_invitation_token_updated_at = null,
                       franceconnect_openid_sub = null, notify_by_sms = false, notify_by_email = false,
                       deleted_at = @now
                  from targets
                 where u.id = targets.id
                returning u.id
            ), profiles as (
                delete from usagers.user_profiles where user_id in (select id from targets)
            ), referents as (
                delete from usagers.referent_assignations where user_id in (select id from targets)
            )
            select id from wiped order by id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            sql,
            new { usagerId, now = now.ToUniversalTime() },
            db.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private async Task<UsagerDto?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UsagerDto>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }
}
