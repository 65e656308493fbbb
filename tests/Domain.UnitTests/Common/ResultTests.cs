using RdvSP.Domain.Common;

namespace RdvSP.Domain.UnitTests.Common;

public class ResultTests
{
    private static readonly Error Boom = new("boom", "Quelque chose s'est mal passé.");

    [Test]
    public void Implicit_conversions()
    {
        Result<int> ok = 42;
        Result<int> ko = Boom;
        Result failure = Boom;

        ok.IsSuccess.Should().BeTrue();
        ok.Value.Should().Be(42);
        ko.IsFailure.Should().BeTrue();
        ko.Error.Should().Be(Boom);
        failure.Error.Should().Be(Boom);
        Result.Success.IsSuccess.Should().BeTrue();
        ok.Map(v => v + 1).Value.Should().Be(43);
        ko.Map(v => v + 1).Error.Should().Be(Boom);
        ko.ToResult().Error.Should().Be(Boom);
    }

    [Test]
    public void Reading_the_wrong_side_throws()
    {
        Result<int> ko = Boom;
        var value = () => ko.Value;
        var error = () => Result<int>.Success(1).Error;

        value.Should().Throw<InvalidOperationException>();
        error.Should().Throw<InvalidOperationException>();
    }
}
