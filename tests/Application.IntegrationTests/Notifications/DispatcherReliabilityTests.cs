using FluentAssertions;
using RdvSP.Application.Notifications;
using RdvSP.TestKit;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>Provider outages, permanent errors, and a dispatcher stopped in the middle of a batch.</summary>
public sealed class DispatcherReliabilityTests : NotificationsTest
{
    [Test]
    public async Task A_provider_answering_5xx_is_retried_with_back_off_then_a_failure_receipt_is_written()
    {
        var world = await WorldWithMobileAsync();
        Stub.Mode = SmsStubServer.Behaviour.ServerError;
        var rdv = await BookAsync(world, NextWeek);
        var dispatcher = NewDispatcher();

        await DispatchAllAsync(dispatcher);

        var sms = await QueryOneAsync<(string Status, int Attempts, string LastError, bool Later)>(
            "select status, attempts, last_error, next_attempt_at > now() as later from notifications.outbox where kind = 'sms' and not reminder");
        sms.Should().Be(("pending", 1, "Brevo 503 : {\"code\":\"internal_error\",\"message\":\"Service indisponible\"}", true));
        (await QueryOneAsync<long>("select count(*) from notifications.receipts where channel = 'sms'")).Should().Be(0, "a retry is coming");

        for (var attempt = 2; attempt <= 20; attempt++)
        {
            await ExecuteAsync("update notifications.outbox set next_attempt_at = now() where kind = 'sms' and status = 'pending' and not reminder");
            await DispatchAllAsync(dispatcher);
        }

        (await QueryOneAsync<(string Status, int Attempts)>("select status, attempts from notifications.outbox where kind = 'sms' and not reminder"))
            .Should().Be(("failed", 20));
        Stub.Requests.Count(r => r.Provider == "brevo").Should().Be(20);
        var receipt = await QueryOneAsync<(string Result, string Error, string Phone)>(
            "select result, error_message, sms_phone_number from notifications.receipts where channel = 'sms' and rdv_id = @id", new { id = rdv.Id });
        receipt.Should().Be(("failure", "Brevo 503 : {\"code\":\"internal_error\",\"message\":\"Service indisponible\"}", "+33612345678"));
        Emails.Sent.Should().HaveCount(2, "e-mails went out regardless");
    }

    [Test]
    public async Task A_permanent_netsize_error_fails_at_once_and_a_hanging_provider_times_out_and_is_retried()
    {
        var world = await WorldWithMobileAsync();
        Configuration["FORCE_SMS_PROVIDER"] = "netsize";
        Stub.Mode = SmsStubServer.Behaviour.Refused;
        await BookAsync(world, NextWeek);

        await DispatchAllAsync();

        (await QueryOneAsync<(string Status, int Attempts)>("select status, attempts from notifications.outbox where kind = 'sms' and not reminder"))
            .Should().Be(("failed", 1));
        (await QueryOneAsync<(string Result, string Provider, string Error)>("select result, sms_provider, error_message from notifications.receipts where channel = 'sms'"))
            .Should().Be(("failure", "netsize", "Netsize code 15 : Invalid destination address"));

        Configuration["FORCE_SMS_PROVIDER"] = "clever_technologies";
        Stub.Mode = SmsStubServer.Behaviour.Hang;
        await ExecuteAsync("truncate notifications.outbox, notifications.receipts");
        await BookAsync(world, NextWeek.AddHours(1));
        await DispatchAllAsync();

        (await QueryOneAsync<(string Status, int Attempts, string LastError)>("select status, attempts, last_error from notifications.outbox where kind = 'sms' and not reminder"))
            .Should().Match<(string Status, int Attempts, string LastError)>(r => r.Status == "pending" && r.Attempts == 1 && r.LastError.Contains("Timeout", StringComparison.Ordinal));

        Stub.Mode = SmsStubServer.Behaviour.Ok;
        await ExecuteAsync("update notifications.outbox set next_attempt_at = now() where kind = 'sms' and not reminder");
        await DispatchAllAsync();
        (await QueryOneAsync<(string Result, int Count)>("select result, sms_count from notifications.receipts where channel = 'sms'")).Should().Be(("sent", 1));
    }

    [Test]
    public async Task A_hanging_sms_provider_does_not_hold_the_emails()
    {
        var world = await WorldWithMobileAsync();
        Stub.Mode = SmsStubServer.Behaviour.Hang;
        await BookAsync(world, NextWeek);
        // The SMS first in the queue: with one sender for every channel the e-mails would wait for its 5 s timeout.
        await ExecuteAsync("update notifications.outbox set next_attempt_at = now() - interval '1 minute' where kind = 'sms' and not reminder");
        var expected = await QueryOneAsync<long>("select count(*) from notifications.outbox where kind = 'email' and status = 'pending' and next_attempt_at <= now()");
        var smsAttemptsWhenTheEmailsWentOut = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var emails = new RecordingEmailSender();
        var sent = 0L;
        emails.OnSend = async (_, _) =>
        {
            if (Interlocked.Increment(ref sent) == expected)
                smsAttemptsWhenTheEmailsWentOut.TrySetResult(await QueryOneAsync<int>("select attempts from notifications.outbox where kind = 'sms' and not reminder"));
        };
        var dispatcher = NewDispatcher(emails);

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            expected.Should().BeGreaterThan(0);
            (await smsAttemptsWhenTheEmailsWentOut.Task.WaitAsync(TimeSpan.FromSeconds(60)))
                .Should().Be(0, "the e-mails went out while the SMS attempt was still hanging");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
        emails.Sent.Should().HaveCount((int)expected);
    }

    [Test]
    public async Task A_dispatcher_stopped_in_the_middle_of_1000_messages_then_restarted_loses_none_and_sends_none_twice()
    {
        await ExecuteAsync(
            """
            insert into notifications.outbox (idempotency_key, kind, payload)
            select 'bulk-' || i, 'email', json_build_object('To', 'u' || i || '@example.fr', 'Subject', 'Message ' || i, 'TextBody', 'Bonjour', 'IdempotencyKey', 'bulk-' || i)::jsonb
              from generate_series(1, 1000) i
            """);
        var first = new RecordingEmailSender();
        var threeHundred = new TaskCompletionSource();
        var calls = 0;
        first.OnSend = async (_, token) =>
        {
            var n = Interlocked.Increment(ref calls);
            // 300 messages are accepted; the 301st is in flight when the process is stopped (never accepted).
            if (n <= 300) return;
            threeHundred.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        };
        var firstDispatcher = NewDispatcher(first);

        await firstDispatcher.StartAsync(CancellationToken.None);
        await threeHundred.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await firstDispatcher.StopAsync(CancellationToken.None);
        var sentBefore = first.Sent.Count;

        var second = new RecordingEmailSender();
        await DispatchAllAsync(NewDispatcher(second));

        sentBefore.Should().Be(300);
        calls.Should().Be(301);
        var all = first.Sent.Concat(second.Sent).Select(m => m.IdempotencyKey).ToList();
        all.Should().OnlyHaveUniqueItems().And.HaveCount(1000);
        (await QueryOneAsync<long>("select count(*) from notifications.outbox where status = 'sent'")).Should().Be(1000);
    }
}
