using RdvSP.Application.Identity.Abstractions;

namespace RdvSP.Application.IntegrationTests.Identity;

public sealed class AccountRepositoryTests : DatabaseTest
{
    private IUsagerAccountRepository Accounts => Get<IUsagerAccountRepository>();

    private IPasswordHasher Hasher => Get<IPasswordHasher>();

    [Test]
    public void Password_hashes_verify_and_are_salted()
    {
        var hash = Hasher.Hash("Demo-Usager-2026!");

        Hasher.Verify(hash, "Demo-Usager-2026!").Should().Be(PasswordCheck.Success);
        Hasher.Verify(hash, "demo-usager-2026!").Should().Be(PasswordCheck.Failed);
        Hasher.Verify("not a hash", "x").Should().Be(PasswordCheck.Failed);
        Hasher.Hash("Demo-Usager-2026!").Should().NotBe(hash);
    }

    [Test]
    public async Task Account_is_found_by_the_usager_email_and_created_once()
    {
        var usager = await Data.UsagerAsync(email: "lea@example.fr");

        await Accounts.CreateAsync(usager, "hash-1", Now, Ct);
        await Accounts.CreateAsync(usager, "hash-2", null, Ct);

        (await Accounts.FindByEmailAsync("LEA@example.fr", Ct)).Should().BeEquivalentTo(new AccountDto
        {
            OwnerId = usager, Email = "lea@example.fr", PasswordHash = "hash-1", EmailConfirmedAt = Now,
        });
    }

    [Test]
    public async Task Successful_sign_in_records_its_time()
    {
        var usager = await Data.UsagerAsync(email: "lea@example.fr");
        await Accounts.CreateAsync(usager, "hash", Now, Ct);

        await Accounts.RecordSuccessfulSignInAsync(usager, Now, Ct);

        (await Accounts.GetAsync(usager, Ct))!.LastSignInAt.Should().Be(Now);
    }

    [Test]
    public async Task Confirmation_token_is_single_use()
    {
        var usager = await Data.UsagerAsync(email: "lea@example.fr");
        await Accounts.CreateAsync(usager, null, null, Ct);
        await Accounts.SetConfirmationTokenAsync(usager, "sha-confirm", Now, Ct);

        (await Accounts.ConfirmEmailAsync("sha-other", Now, Ct)).Should().BeNull();
        (await Accounts.ConfirmEmailAsync("sha-confirm", Now, Ct)).Should().Be(usager);
        (await Accounts.ConfirmEmailAsync("sha-confirm", Now, Ct)).Should().BeNull();
        (await Accounts.GetAsync(usager, Ct))!.EmailConfirmedAt.Should().Be(Now);
    }

    [Test]
    public async Task Confirmation_token_expires_after_24_hours()
    {
        var usager = await Data.UsagerAsync(email: "lea@example.fr");
        await Accounts.CreateAsync(usager, null, null, Ct);
        await Accounts.SetConfirmationTokenAsync(usager, "sha-confirm", Now, Ct);

        (await Accounts.ConfirmEmailAsync("sha-confirm", Now.AddHours(24).AddSeconds(1), Ct)).Should().BeNull("expired");
        (await Accounts.GetAsync(usager, Ct))!.EmailConfirmedAt.Should().BeNull();
        (await Accounts.ConfirmEmailAsync("sha-confirm", Now.AddHours(23), Ct)).Should().Be(usager);
    }

    [Test]
    public async Task Reset_token_expires_and_is_single_use()
    {
        var usager = await Data.UsagerAsync(email: "lea@example.fr");
        await Accounts.CreateAsync(usager, "old", Now, Ct);
        await Accounts.SetResetTokenAsync(usager, "sha-reset", Now.AddHours(6), Ct);

        (await Accounts.ResetPasswordAsync("sha-reset", "new", Now.AddHours(7), Ct)).Should().BeNull("expired");
        (await Accounts.ResetPasswordAsync("sha-reset", "new", Now.AddHours(1), Ct)).Should().Be(usager);
        (await Accounts.ResetPasswordAsync("sha-reset", "newer", Now.AddHours(1), Ct)).Should().BeNull("consumed");
        (await Accounts.GetAsync(usager, Ct))!.PasswordHash.Should().Be("new");
    }

    [Test]
    public async Task Agent_accounts_set_password_and_count_failures()
    {
        var world = await Data.WorldAsync();
        var agentId = await Data.AgentAsync(world.OrganisationId, world.ServiceId, "Blanc", "elodie.blanc@example.fr");
        var accounts = Get<IAgentAccountRepository>();

        await accounts.SetPasswordAsync(agentId, "h1", Now, Ct);
        await accounts.SetPasswordAsync(agentId, "h2", null, Ct);
        var failures = await accounts.RecordFailedSignInAsync(agentId, 3, Now, Now.AddMinutes(5), Ct);

        failures.Should().Be(1);
        (await accounts.FindByEmailAsync("Elodie.Blanc@example.fr", Ct)).Should().BeEquivalentTo(new
        {
            OwnerId = agentId, PasswordHash = "h2", EmailConfirmedAt = (DateTimeOffset?)Now, FailedAttempts = 1,
        });
    }
}
