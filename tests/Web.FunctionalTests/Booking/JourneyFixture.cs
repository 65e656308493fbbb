using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>
/// A fresh database and a fixed clock for each test: Monday 1 March 2027, 09:00 in Paris. The world
/// has one organisation (département 26), one lieu, a public motif of 30 minutes and an agent whose
/// weekly plage runs on weekdays 09:00–12:00.
/// </summary>
public abstract class JourneyFixture
{
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
    protected static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    protected RdvspWebFactory Factory { get; private set; } = null!;
    protected BookingWorld World { get; private set; } = null!;
    protected long MotifId { get; private set; }
    protected long AgentId { get; private set; }

    [SetUp]
    public async Task CreateWorld()
    {
        await TestDatabase.ResetAsync();
        Factory = Configure(new RdvspWebFactory().WithClock(Now));
        World = await new BookingWorld(Factory.Services).CreateOrganisationAsync();
        MotifId = await World.AddMotifAsync("Consultation prénatale");
        AgentId = await World.AddAgentAsync("Lefebvre");
        await World.AddWeeklyPlageAsync(AgentId, MotifId, new DateOnly(2027, 2, 1), new TimeOnly(9, 0), new TimeOnly(12, 0));
    }

    [TearDown]
    public async Task DisposeFactory() => await Factory.DisposeAsync();

    protected virtual RdvspWebFactory Configure(RdvspWebFactory factory) => factory;

    /// <summary>A local Paris time as the instant the pages carry.</summary>
    protected static DateTimeOffset ParisTime(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    protected static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    protected string WizardUrl(int step, DateTimeOffset startsAt, long? participantId = null, long? motifId = null, long? lieuId = null) =>
        $"/users/rdv_wizard_step?step={step}&motif_id={motifId ?? MotifId}&lieu_id={lieuId ?? World.LieuId}&starts_at={Uri.EscapeDataString(Iso(startsAt))}"
        + (participantId is { } p ? $"&participant_ids={p}" : "");

    protected static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static Task<long> CountRdvsAsync(string where = "true") => ScalarAsync($"select count(*) from booking.rdvs where {where}");
}
