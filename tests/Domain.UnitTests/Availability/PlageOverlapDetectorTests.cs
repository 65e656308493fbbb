using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

/// <summary>REFERENCE-DOMAIN §3.7 and §10 #17.</summary>
public class PlageOverlapDetectorTests
{
    private static readonly DateOnly Today = D(2024, 1, 3);

    private static OpeningPeriod Plage(long id, DateOnly first, int start, int end, Recurrence? r = null, long agent = 1) =>
        Build.Plage(first, T(start), T(end), r, agentId: agent, id: id);

    private static bool Overlap(OpeningPeriod a, OpeningPeriod b)
    {
        var forward = PlageOverlapDetector.Overlaps(a, b, Today);
        PlageOverlapDetector.Overlaps(b, a, Today).Should().Be(forward, "the relation is symmetric");
        return forward;
    }

    [Test]
    public void Case17_exceptional_vs_exceptional()
    {
        Overlap(Plage(1, D(2024, 1, 8), 9, 12), Plage(2, D(2024, 1, 8), 11, 14)).Should().BeTrue();
        Overlap(Plage(1, D(2024, 1, 8), 9, 12), Plage(2, D(2024, 1, 8), 12, 14)).Should().BeFalse("touching plages do not overlap");
        Overlap(Plage(1, D(2024, 1, 8), 9, 12), Plage(2, D(2024, 1, 9), 9, 12)).Should().BeFalse();
        Overlap(Plage(1, D(2024, 1, 8), 9, 12), Plage(2, D(2024, 1, 8), 9, 12, agent: 2)).Should().BeFalse("other agent");
    }

    [Test]
    public void Case17_exceptional_vs_recurring()
    {
        var mondays = Plage(1, D(2024, 1, 1), 9, 12, Build.Weekly(D(2024, 1, 1)));

        Overlap(mondays, Plage(2, D(2024, 1, 15), 10, 11)).Should().BeTrue();
        Overlap(mondays, Plage(2, D(2024, 1, 16), 10, 11)).Should().BeFalse("a Tuesday");
        Overlap(mondays, Plage(2, D(2024, 1, 15), 12, 13)).Should().BeFalse("touching times");
        Overlap(mondays, Plage(2, D(2024, 1, 1), 10, 11)).Should().BeFalse("the exceptional plage is in the past");
        Overlap(Plage(1, D(2024, 1, 1), 9, 12, Build.Weekly(D(2024, 1, 1), 1, D(2024, 1, 10))), Plage(2, D(2024, 1, 15), 10, 11))
            .Should().BeFalse("the recurrence ended before");
    }

    [Test]
    public void Case17_every_three_weeks_alignment()
    {
        var a = Plage(1, D(2024, 1, 1), 9, 12, Build.Weekly(D(2024, 1, 1), 3));

        Overlap(a, Plage(2, D(2024, 1, 8), 9, 12, Build.Weekly(D(2024, 1, 8), 3))).Should().BeFalse("weeks never coincide");
        Overlap(a, Plage(2, D(2024, 1, 22), 9, 12, Build.Weekly(D(2024, 1, 22), 3))).Should().BeTrue("same phase, three weeks later");
        Overlap(a, Plage(2, D(2024, 1, 8), 9, 12, Build.Weekly(D(2024, 1, 8), 2))).Should().BeTrue("every 3 and every 2 weeks meet");
        Overlap(a, Plage(2, D(2024, 1, 22), 10, 11)).Should().BeTrue("an exceptional plage on an occurrence day");
        Overlap(a, Plage(2, D(2024, 1, 15), 10, 11)).Should().BeFalse("an exceptional plage on an off week");
    }

    [Test]
    public void Case17_weekly_with_disjoint_days_never_overlap()
    {
        var monWed = Plage(1, D(2024, 1, 1), 9, 12, Build.Weekly(D(2024, 1, 1), 1, null, DayOfWeek.Monday, DayOfWeek.Wednesday));

        Overlap(monWed, Plage(2, D(2024, 1, 2), 9, 12, Build.Weekly(D(2024, 1, 2), 1, null, DayOfWeek.Tuesday, DayOfWeek.Thursday))).Should().BeFalse();
        Overlap(monWed, Plage(2, D(2024, 1, 2), 9, 12, Build.Weekly(D(2024, 1, 2), 1, null, DayOfWeek.Tuesday, DayOfWeek.Wednesday))).Should().BeTrue();
    }

    [Test]
    public void Case17_monthly_week_and_day_differences()
    {
        var secondTuesday = Plage(1, D(2024, 1, 9), 9, 12, Build.Monthly(D(2024, 1, 9)));

        Overlap(secondTuesday, Plage(2, D(2024, 1, 16), 9, 12, Build.Monthly(D(2024, 1, 16)))).Should().BeFalse("third Tuesday");
        Overlap(secondTuesday, Plage(2, D(2024, 1, 10), 9, 12, Build.Monthly(D(2024, 1, 10)))).Should().BeFalse("second Wednesday");
        Overlap(secondTuesday, Plage(2, D(2024, 2, 13), 11, 13, Build.Monthly(D(2024, 2, 13)))).Should().BeTrue("second Tuesday from February");
        Overlap(secondTuesday, Plage(2, D(2024, 1, 2), 9, 12, Build.Weekly(D(2024, 1, 2)))).Should().BeTrue("weekly Tuesdays meet it");
    }

    [Test]
    public void Recurring_plages_meeting_only_beyond_six_months_do_not_overlap()
    {
        var a = Plage(1, D(2024, 1, 1), 9, 12, Build.Weekly(D(2024, 1, 1)));
        var b = Plage(2, D(2024, 9, 2), 9, 12, Build.Weekly(D(2024, 9, 2)));

        Overlap(a, b).Should().BeFalse();
        PlageOverlapDetector.Overlaps(a, b, D(2024, 8, 1)).Should().BeTrue();
    }

    [Test]
    public void Find_overlapping_lists_others_and_gives_a_french_warning()
    {
        var candidate = Plage(1, D(2024, 1, 15), 9, 12);
        var others = new[] { candidate, Plage(2, D(2024, 1, 15), 11, 13), Plage(3, D(2024, 1, 15), 13, 14) };

        PlageOverlapDetector.FindOverlapping(candidate, others, Today).Select(p => p.Id).Should().Equal(2);
        PlageOverlapDetector.WarningMessage(1).Should().Be("Cette plage d'ouverture chevauche une autre plage d'ouverture de l'agent.");
    }
}
