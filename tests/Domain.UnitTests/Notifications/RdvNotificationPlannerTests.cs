using RdvSP.Domain.Booking;
using RdvSP.Domain.Notifications;

namespace RdvSP.Domain.UnitTests.Notifications;

/// <summary>The event matrix of REFERENCE-DOMAIN §6.2 and the agent preferences of §6.4.</summary>
public class RdvNotificationPlannerTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    // Tuesday 10 March 2026, 09:00 Paris.
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InAWeek = Now.AddDays(7);

    private static readonly NotifiedUser Alice = new(1, "alice@example.fr", true, "+33612345678", true);
    private static readonly AgentSnapshot AgentOthers = new(100, "agent.others@example.fr", AgentNotificationLevel.Others);

    private static ParticipationSnapshot P(long id, NotifiedUser user, RdvStatus status = RdvStatus.Unknown, bool lifecycle = true, bool reminder = true) =>
        new(id, user.UserId, status, lifecycle, reminder, user);

    private static RdvSnapshot Rdv(
        IReadOnlyList<ParticipationSnapshot>? participations = null,
        IReadOnlyList<AgentSnapshot>? agents = null,
        DateTimeOffset? startsAt = null,
        RdvStatus status = RdvStatus.Unknown,
        bool collective = false,
        MotifVisibility visibility = MotifVisibility.VisibleAndNotified,
        IReadOnlyList<AgentSnapshot>? former = null) =>
        new(startsAt ?? InAWeek, status, collective, visibility, Paris, participations ?? [P(10, Alice)], agents ?? [AgentOthers], former);

    private static string[] Describe(IEnumerable<PlannedNotification> planned) => planned.Select(n => n switch
    {
        UsagerNotification u => $"usager {u.UserId} {u.Channel} {u.Kind} {u.Address} [{string.Join(",", u.ParticipationIds)}]",
        AgentNotification a => $"agent {a.AgentId} {a.Kind}{(a.ParticipationOnly ? " participation" : "")}",
        _ => "?",
    }).ToArray();

    public static IEnumerable<TestCaseData> Matrix()
    {
        var byUsager = Author.Usager(1);
        var byAgent = Author.Agent(100);
        var byOtherAgent = Author.Agent(999);
        var cancelledRdv = Rdv([P(10, Alice, RdvStatus.Excused)], status: RdvStatus.Excused);

        // Created
        yield return new TestCaseData(Rdv(), new RdvEvent.Created(), byUsager,
            new[] { "usager 1 Email Created alice@example.fr [10]", "usager 1 Sms Created +33612345678 [10]", "agent 100 Created" })
            .SetName("Created by usager: usager e-mail + SMS, agent (others) e-mail");
        yield return new TestCaseData(Rdv(), new RdvEvent.Created(), byAgent,
            new[] { "usager 1 Email Created alice@example.fr [10]", "usager 1 Sms Created +33612345678 [10]" })
            .SetName("Created by the agent himself: no e-mail to him with level others");
        yield return new TestCaseData(Rdv([P(10, Alice, lifecycle: false)]), new RdvEvent.Created(), byAgent, Array.Empty<string>())
            .SetName("Created with the lifecycle flag off: nothing to the usager");
        yield return new TestCaseData(Rdv(visibility: MotifVisibility.Invisible), new RdvEvent.Created(), byOtherAgent, new[] { "agent 100 Created" })
            .SetName("Created for an invisible motif: agents only");
        yield return new TestCaseData(Rdv(startsAt: Now.AddMinutes(-1)), new RdvEvent.Created(), byUsager, Array.Empty<string>())
            .SetName("Created in the past: nothing at all");
        yield return new TestCaseData(
            Rdv([P(10, Alice), P(11, Alice with { }, RdvStatus.Unknown) with { UserId = 2 }]), new RdvEvent.Created(), byAgent,
            new[] { "usager 1 Email Created alice@example.fr [10,11]", "usager 1 Sms Created +33612345678 [10,11]" })
            .SetName("Created for a usager and a relative: one message per channel to the responsible");
        yield return new TestCaseData(
            Rdv([P(10, Alice), P(11, new NotifiedUser(3, "bob@example.fr", true, null, true))], collective: true), new RdvEvent.Created([11]), byUsager,
            new[] { "usager 3 Email Created bob@example.fr [11]", "agent 100 Created participation" })
            .SetName("Participation added to a collective RDV: only that participant; agents get the new participation mail");
        yield return new TestCaseData(cancelledRdv, new RdvEvent.Created(), byUsager, Array.Empty<string>())
            .SetName("Created on a cancelled RDV: nothing");

        // Updated
        var updated = new RdvEvent.Updated(InAWeek.AddDays(-1), [100]);
        yield return new TestCaseData(Rdv(), updated, byUsager,
            new[] { "usager 1 Email Updated alice@example.fr [10]", "usager 1 Sms Updated +33612345678 [10]", "agent 100 Updated" })
            .SetName("Updated by usager: usager e-mail + SMS, kept agent updated");
        var newAgent = new AgentSnapshot(200, "new@example.fr", AgentNotificationLevel.All);
        var oldAgent = new AgentSnapshot(100, "old@example.fr", AgentNotificationLevel.Others);
        yield return new TestCaseData(Rdv(agents: [newAgent], former: [oldAgent]), updated, byUsager,
            new[] { "usager 1 Email Updated alice@example.fr [10]", "usager 1 Sms Updated +33612345678 [10]", "agent 200 Created", "agent 100 Cancelled" })
            .SetName("Updated with another agent: added agent created, removed agent cancelled");
        yield return new TestCaseData(Rdv([P(10, Alice, RdvStatus.Excused)]), updated, byOtherAgent, new[] { "agent 100 Updated" })
            .SetName("Updated: cancelled participations are not told");

        // Cancelled
        yield return new TestCaseData(cancelledRdv, new RdvEvent.Cancelled([10], WholeRdv: true), byUsager,
            new[] { "usager 1 Email Cancelled alice@example.fr [10]", "agent 100 Cancelled" })
            .SetName("Cancelled by usager: e-mail but no SMS");
        yield return new TestCaseData(Rdv([P(10, Alice, RdvStatus.Revoked)], status: RdvStatus.Revoked), new RdvEvent.Cancelled([10], WholeRdv: true), byAgent,
            new[] { "usager 1 Email Cancelled alice@example.fr [10]", "usager 1 Sms Cancelled +33612345678 [10]" })
            .SetName("Cancelled by agent: e-mail and SMS");
        yield return new TestCaseData(Rdv([P(10, Alice, RdvStatus.Revoked, lifecycle: false)], status: RdvStatus.Revoked), new RdvEvent.Cancelled([10], WholeRdv: true), byOtherAgent,
            new[] { "agent 100 Cancelled" })
            .SetName("Whole-RDV cancellation honours the notify flag (ARCHITECTURE §5)");
        yield return new TestCaseData(
            Rdv([P(10, Alice, RdvStatus.Revoked), P(11, new NotifiedUser(3, "bob@example.fr", true, null, true), RdvStatus.Revoked)], status: RdvStatus.Revoked),
            new RdvEvent.Cancelled([10], WholeRdv: true), byOtherAgent,
            new[] { "usager 1 Email Cancelled alice@example.fr [10]", "usager 1 Sms Cancelled +33612345678 [10]", "agent 100 Cancelled" })
            .SetName("Cancelled: participations already cancelled before are not told again");
        yield return new TestCaseData(
            Rdv([P(10, Alice, RdvStatus.Excused), P(11, new NotifiedUser(3, "bob@example.fr", true, null, true))], collective: true),
            new RdvEvent.Cancelled([10], WholeRdv: false), byUsager,
            new[] { "usager 1 Email Cancelled alice@example.fr [10]", "agent 100 Cancelled participation" })
            .SetName("Participation cancelled in a collective RDV: that participant; agents get the participation mail");

        // Reminder
        yield return new TestCaseData(Rdv(), new RdvEvent.Reminder(), Author.System,
            new[] { "usager 1 Email Reminder alice@example.fr [10]", "usager 1 Sms Reminder +33612345678 [10]" })
            .SetName("Reminder: usager e-mail + SMS, no agent");
        yield return new TestCaseData(Rdv([P(10, Alice, reminder: false)]), new RdvEvent.Reminder(), Author.System, Array.Empty<string>())
            .SetName("Reminder flag off: nothing");
        yield return new TestCaseData(cancelledRdv, new RdvEvent.Reminder(), Author.System, Array.Empty<string>())
            .SetName("Reminder of a cancelled RDV: nothing");

        // Waiting list (§5.9): the usagers asked for it, so the lifecycle flags do not apply; agents are never told.
        var bob = new NotifiedUser(3, "bob@example.fr", true, null, true);
        yield return new TestCaseData(Rdv(agents: [new AgentSnapshot(200, "all@example.fr", AgentNotificationLevel.All)]), new RdvEvent.WaitingList(), Author.System,
            new[] { "usager 1 Email NewCreneauAvailable alice@example.fr [10]", "usager 1 Sms NewCreneauAvailable +33612345678 [10]" })
            .SetName("Waiting list: usager e-mail + SMS, no agent even with level all");
        yield return new TestCaseData(Rdv([P(10, Alice, lifecycle: false, reminder: false)]), new RdvEvent.WaitingList(), Author.System,
            new[] { "usager 1 Email NewCreneauAvailable alice@example.fr [10]", "usager 1 Sms NewCreneauAvailable +33612345678 [10]" })
            .SetName("Waiting list with the notify flags off: still told (the usager subscribed)");
        yield return new TestCaseData(Rdv([P(10, Alice), P(11, bob, RdvStatus.Excused)]), new RdvEvent.WaitingList(), Author.System,
            new[] { "usager 1 Email NewCreneauAvailable alice@example.fr [10]", "usager 1 Sms NewCreneauAvailable +33612345678 [10]" })
            .SetName("Waiting list: cancelled participations are not told");
        yield return new TestCaseData(Rdv([P(10, Alice with { NotifyBySms = false })]), new RdvEvent.WaitingList(), Author.System,
            new[] { "usager 1 Email NewCreneauAvailable alice@example.fr [10]" })
            .SetName("Waiting list without SMS notifications: e-mail only");
        yield return new TestCaseData(cancelledRdv, new RdvEvent.WaitingList(), Author.System, Array.Empty<string>())
            .SetName("Waiting list of a cancelled RDV: nothing");
        yield return new TestCaseData(Rdv(visibility: MotifVisibility.Invisible), new RdvEvent.WaitingList(), Author.System, Array.Empty<string>())
            .SetName("Waiting list of an invisible motif: nothing");
        yield return new TestCaseData(Rdv(startsAt: Now.AddMinutes(-1)), new RdvEvent.WaitingList(), Author.System, Array.Empty<string>())
            .SetName("Waiting list of a past RDV: nothing");

        // Notifiability
        yield return new TestCaseData(Rdv([P(10, Alice with { NotifyBySms = false })]), new RdvEvent.Reminder(), Author.System,
            new[] { "usager 1 Email Reminder alice@example.fr [10]" })
            .SetName("SMS notifications off: e-mail only");
        yield return new TestCaseData(Rdv([P(10, Alice with { Email = null })]), new RdvEvent.Reminder(), Author.System,
            new[] { "usager 1 Sms Reminder +33612345678 [10]" })
            .SetName("No e-mail: SMS only");
        yield return new TestCaseData(Rdv([P(10, Alice with { MobilePhone = null, NotifyByEmail = false })]), new RdvEvent.Reminder(), Author.System, Array.Empty<string>())
            .SetName("No mobile and e-mail off: nothing");
    }

    [TestCaseSource(nameof(Matrix))]
    public void Plans(RdvSnapshot rdv, RdvEvent change, Author author, string[] expected)
    {
        Describe(RdvNotificationPlanner.Plan(rdv, change, author, Now)).Should().Equal(expected);
    }

    [TestCase(AgentNotificationLevel.All, true, 7, ExpectedResult = true)]
    [TestCase(AgentNotificationLevel.All, false, 7, ExpectedResult = true)]
    [TestCase(AgentNotificationLevel.Others, true, 7, ExpectedResult = false)]
    [TestCase(AgentNotificationLevel.Others, false, 7, ExpectedResult = true)]
    [TestCase(AgentNotificationLevel.Soon, false, 7, ExpectedResult = false)]
    [TestCase(AgentNotificationLevel.Soon, false, 0, ExpectedResult = true)]
    [TestCase(AgentNotificationLevel.Soon, false, 1, ExpectedResult = true)]
    [TestCase(AgentNotificationLevel.Soon, true, 1, ExpectedResult = false)]
    [TestCase(AgentNotificationLevel.None, false, 0, ExpectedResult = false)]
    public bool Agent_preferences(AgentNotificationLevel level, bool ownChange, int daysAhead)
    {
        var agent = new AgentSnapshot(100, "a@example.fr", level);
        // 20:00 Paris on the target day: "tomorrow" is a calendar day, not 24 h.
        var start = new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero).AddDays(daysAhead);
        var author = ownChange ? Author.Agent(100) : Author.Usager(1);

        return RdvNotificationPlanner.Plan(Rdv(agents: [agent], startsAt: start), new RdvEvent.Created(), author, Now).OfType<AgentNotification>().Any();
    }

    [Test]
    public void Soon_also_looks_at_the_previous_date_of_a_move()
    {
        var agent = new AgentSnapshot(100, "a@example.fr", AgentNotificationLevel.Soon);
        var moved = new RdvEvent.Updated(Now.AddHours(5), [100]);

        RdvNotificationPlanner.Plan(Rdv(agents: [agent]), moved, Author.Usager(1), Now).OfType<AgentNotification>()
            .Should().ContainSingle(a => a.Kind == NotificationKind.Updated);
    }

    [Test]
    public void Soon_uses_the_organisation_time_zone()
    {
        var reunion = TimeZoneInfo.FindSystemTimeZoneById("Indian/Reunion");
        var agent = new AgentSnapshot(100, "a@example.fr", AgentNotificationLevel.Soon);
        // 21:00 UTC on the 10th is already the 11th (01:00) in La Réunion: tomorrow there, with now = the 10th 12:00 there.
        var rdv = Rdv(agents: [agent], startsAt: new DateTimeOffset(2026, 3, 11, 21, 0, 0, TimeSpan.Zero)) with { TimeZone = reunion };

        RdvNotificationPlanner.Plan(rdv, new RdvEvent.Created(), Author.Usager(1), Now).Should().NotContain(n => n is AgentNotification);
        RdvNotificationPlanner.Plan(rdv, new RdvEvent.Created(), Author.Usager(1), Now.AddHours(4)).Should().NotContain(n => n is AgentNotification,
            "12:00 UTC is 16:00 in La Réunion, the RDV is on the 12th there: the day after tomorrow");
        RdvNotificationPlanner.Plan(rdv, new RdvEvent.Created(), Author.Usager(1), Now.AddHours(21)).Should().Contain(n => n is AgentNotification);
    }

    [Test]
    public void Reminders_at_start_minus_lead_per_notified_usager_and_channel()
    {
        var reminders = RdvNotificationPlanner.PlanReminders(Rdv(), TimeSpan.FromHours(48), Now);

        reminders.Select(r => (r.At, r.Notification.Channel)).Should().Equal((InAWeek.AddHours(-48), NotificationChannel.Email), (InAWeek.AddHours(-48), NotificationChannel.Sms));
    }

    [Test]
    public void Reminders_use_the_organisation_lead()
    {
        RdvNotificationPlanner.PlanReminders(Rdv(), TimeSpan.FromHours(24), Now).Should().OnlyContain(r => r.At == InAWeek.AddHours(-24));
    }

    [Test]
    public void No_reminder_when_booked_less_than_the_lead_ahead_or_cancelled()
    {
        RdvNotificationPlanner.PlanReminders(Rdv(startsAt: Now.AddHours(47)), TimeSpan.FromHours(48), Now).Should().BeEmpty();
        RdvNotificationPlanner.PlanReminders(Rdv([P(10, Alice, RdvStatus.Excused)], status: RdvStatus.Excused), TimeSpan.FromHours(48), Now).Should().BeEmpty();
        RdvNotificationPlanner.PlanReminders(Rdv([P(10, Alice, reminder: false)]), TimeSpan.FromHours(48), Now).Should().BeEmpty();
    }
}
