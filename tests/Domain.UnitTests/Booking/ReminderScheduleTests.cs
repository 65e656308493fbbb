using RdvSP.Domain.Booking;

namespace RdvSP.Domain.UnitTests.Booking;

public class ReminderScheduleTests
{
    [Test]
    public void Case18_reminder_at_start_minus_48_hours_none_for_cancelled()
    {
        var start = P(2024, 1, 20, 10);
        var now = P(2024, 1, 10, 12);

        ReminderSchedule.ReminderAt(start, RdvStatus.Unknown, now).Should().Be(start.AddHours(-48));
        ReminderSchedule.ReminderAt(start, RdvStatus.Excused, now).Should().BeNull();
        ReminderSchedule.ReminderAt(start, RdvStatus.Revoked, now).Should().BeNull();
        ReminderSchedule.ReminderAt(start, RdvStatus.Unknown, start.AddHours(-30)).Should().BeNull("the J-2 moment has passed");
    }

    [Test]
    public void Reminder_across_dst_is_elapsed_48_hours()
    {
        var start = P(2024, 4, 1, 10); // Monday after the spring change
        ReminderSchedule.ReminderAt(start, RdvStatus.Unknown, P(2024, 3, 1, 10)).Should().Be(P(2024, 3, 30, 9));
    }

    [Test]
    public void Reminder_job_aborts_only_when_the_rdv_has_ended()
    {
        ReminderSchedule.ShouldStillSend(P(2024, 1, 20, 11), P(2024, 1, 20, 10)).Should().BeTrue();
        ReminderSchedule.ShouldStillSend(P(2024, 1, 20, 11), P(2024, 1, 20, 11)).Should().BeFalse();
    }
}
