namespace RdvSP.Application.IntegrationTests;

/// <summary>Root namespace: runs once around every test of the assembly.</summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    [OneTimeSetUp]
    public Task MigrateAsync() => IntegrationDatabase.MigrateAsync();

    [OneTimeTearDown]
    public Task DisposeAsync() => IntegrationDatabase.DisposeAsync();
}
