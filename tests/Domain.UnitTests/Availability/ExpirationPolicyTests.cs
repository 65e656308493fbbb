using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

public class ExpirationPolicyTests
{
    private static readonly DateOnly Today = D(2024, 3, 10);

    [Test]
    public void One_off_plage_expires_after_its_day()
    {
        ExpirationPolicy.IsExpired(Build.Plage(D(2024, 3, 10), T(9), T(12)), Today).Should().BeFalse();
        ExpirationPolicy.IsExpired(Build.Plage(D(2024, 3, 9), T(9), T(12)), Today).Should().BeTrue();
    }

    [Test]
    public void Recurring_element_expires_after_until_and_never_when_open_ended()
    {
        ExpirationPolicy.IsExpired(Build.Plage(D(2024, 1, 1), T(9), T(12), Build.Weekly(D(2024, 1, 1))), Today).Should().BeFalse();
        ExpirationPolicy.IsExpired(Build.Plage(D(2024, 1, 1), T(9), T(12), Build.Weekly(D(2024, 1, 1), 1, D(2024, 3, 10))), Today).Should().BeFalse();
        ExpirationPolicy.IsExpired(Build.Plage(D(2024, 1, 1), T(9), T(12), Build.Weekly(D(2024, 1, 1), 1, D(2024, 3, 9))), Today).Should().BeTrue();
        ExpirationPolicy.IsExpired(Build.Absence(D(2024, 1, 1), T(9), T(12), recurrence: Build.Weekly(D(2024, 1, 1), 1, D(2024, 3, 9))), Today).Should().BeTrue();
    }

    [Test]
    public void Multi_day_absence_expires_after_its_end_day()
    {
        ExpirationPolicy.IsExpired(Build.Absence(D(2024, 3, 1), T(9), T(12), D(2024, 3, 10)), Today).Should().BeFalse();
        ExpirationPolicy.IsExpired(Build.Absence(D(2024, 3, 1), T(9), T(12), D(2024, 3, 9)), Today).Should().BeTrue();
    }
}
