using RdvSP.Domain.Notifications;

namespace RdvSP.Domain.UnitTests.Notifications;

/// <summary>Plage and absence e-mails (REFERENCE-DOMAIN §6.4): item × change × level × origin × e-mail.</summary>
public class AgentScheduleNotificationPlannerTests
{
    public static IEnumerable<TestCaseData> Matrix()
    {
        foreach (var change in Enum.GetValues<AgentScheduleChange>())
        {
            foreach (var item in Enum.GetValues<AgentScheduleItem>())
            {
                var plage = item == AgentScheduleItem.PlageOuverture;
                yield return new TestCaseData(item, change, new AgentScheduleOwner(1, "agent@example.fr", true, true), true, true)
                    .SetName($"{item} {change} from the back-office, level all: e-mail");
                yield return new TestCaseData(item, change, new AgentScheduleOwner(1, "agent@example.fr", true, true), false, false)
                    .SetName($"{item} {change} through the API: nothing");
                yield return new TestCaseData(item, change, new AgentScheduleOwner(1, "agent@example.fr", !plage, plage), true, false)
                    .SetName($"{item} {change}, this item's level none (the other all): nothing");
                yield return new TestCaseData(item, change, new AgentScheduleOwner(1, "agent@example.fr", plage, !plage), true, true)
                    .SetName($"{item} {change}, this item's level all (the other none): e-mail");
                yield return new TestCaseData(item, change, new AgentScheduleOwner(1, null, true, true), true, false)
                    .SetName($"{item} {change} of an intervenant without e-mail: nothing");
                yield return new TestCaseData(item, change, new AgentScheduleOwner(1, " ", true, true), true, false)
                    .SetName($"{item} {change} with a blank e-mail: nothing");
            }
        }
    }

    [TestCaseSource(nameof(Matrix))]
    public void Decides(AgentScheduleItem item, AgentScheduleChange change, AgentScheduleOwner owner, bool fromBackOffice, bool expected) =>
        Assert.That(AgentScheduleNotificationPlanner.ShouldNotify(item, owner, fromBackOffice), Is.EqualTo(expected), $"{item} {change}");
}
