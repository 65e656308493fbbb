using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RdvSP.Infrastructure.Notifications;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>The nightly anonymisation of receipts older than 6 months (REFERENCE-DOMAIN §2.14), in batches, on the real tables.</summary>
public sealed class AnonymiseOldReceiptsJobTests : NotificationsTest
{
    private static readonly DateTimeOffset JobNow = new(2027, 6, 15, 21, 45, 0, TimeSpan.Zero);

    [Test]
    public async Task Receipts_older_than_6_months_lose_their_personal_fields_in_batches_and_keep_the_rest()
    {
        // 2 500 old receipts (3 batches), 10 from 5 months ago; e-mails and SMS, one failure with its error.
        await ExecuteAsync(
            """
            insert into notifications.receipts (outbox_id, rdv_id, user_id, organisation_id, event, channel, result, email_address,
                                                sms_phone_number, sms_provider, sms_count, content, error_message, created_at)
            select n, 1000 + n, 2000 + n, 7, 'rdv_created',
                   case when n % 2 = 0 then 'mail' else 'sms' end,
                   case when n = 1 then 'failure' when n % 2 = 0 then 'processed' else 'delivered' end,
                   case when n % 2 = 0 then 'usager' || n || '@example.fr' end,
                   case when n % 2 = 1 then '+3361234' || lpad(n::text, 4, '0') end,
                   case when n % 2 = 1 then 'netsize' end,
                   case when n % 2 = 1 then 2 end,
                   case when n % 2 = 0 then 'RDV confirmé le mardi' else 'RDV PMI 02/03 09h00. MDS Valence' end,
                   case when n = 1 then 'Netsize code 15 : Invalid destination address +33612340001' end,
                   case when n <= 2500 then @old else @recent end
              from generate_series(1, 2510) as n
            """,
            new { old = JobNow.AddMonths(-6).AddDays(-1).UtcDateTime, recent = JobNow.AddMonths(-5).UtcDateTime });
        var job = new AnonymiseOldReceiptsJob(RdvSP.Application.IntegrationTests.Support.IntegrationDatabase.DataSource, new FakeTimeProvider(JobNow), NullLogger<AnonymiseOldReceiptsJob>.Instance);

        var (receipts, _) = await job.RunAsync(Ct);

        receipts.Should().Be(2500);
        (await QueryOneAsync<long>(
                """
                select count(*) from notifications.receipts
                 where created_at < @cutoff and email_address is null and sms_phone_number is null and content is null and error_message is null
                   and anonymised_at = @now
                """,
                new { cutoff = JobNow.AddMonths(-6).UtcDateTime, now = JobNow.UtcDateTime }))
            .Should().Be(2500);
        (await QueryOneAsync<(long Mails, long Sms, long Failures, long Billed, long Netsize, long WithRdv)>(
                """
                select count(*) filter (where channel = 'mail'), count(*) filter (where channel = 'sms'), count(*) filter (where result = 'failure'),
                       coalesce(sum(sms_count), 0), count(*) filter (where sms_provider = 'netsize'), count(*) filter (where rdv_id is not null and event = 'rdv_created')
                  from notifications.receipts where anonymised_at is not null
                """))
            .Should().Be((1250L, 1250L, 1L, 2500L, 1250L, 2500L), "channel, result, provider, counts, event and ids are kept");
        (await QueryOneAsync<long>("select count(*) from notifications.receipts where anonymised_at is null and (email_address is not null or sms_phone_number is not null)"))
            .Should().Be(10, "receipts of 5 months ago are untouched");

        (await job.RunAsync(Ct)).Receipts.Should().Be(0, "nothing left to anonymise");
    }

    [Test]
    public async Task Finished_outbox_rows_older_than_6_months_are_deleted_pending_ones_stay()
    {
        var old = JobNow.AddMonths(-7).UtcDateTime;
        await ExecuteAsync(
            """
            insert into notifications.outbox (idempotency_key, kind, payload, status, created_at, next_attempt_at)
            values ('old-failed', 'email', '{"To":"lea@example.fr"}', 'failed', @old, @old),
                   ('old-dropped', 'email', '{"To":"lea@example.fr"}', 'dropped', @old, @old),
                   ('old-sent', 'email', null, 'sent', @old, @old),
                   ('old-pending', 'email', '{"To":"lea@example.fr"}', 'pending', @old, @old),
                   ('recent-failed', 'email', '{"To":"lea@example.fr"}', 'failed', @recent, @recent)
            """,
            new { old, recent = JobNow.AddMonths(-1).UtcDateTime });
        var job = new AnonymiseOldReceiptsJob(RdvSP.Application.IntegrationTests.Support.IntegrationDatabase.DataSource, new FakeTimeProvider(JobNow), NullLogger<AnonymiseOldReceiptsJob>.Instance);

        (await job.RunAsync(Ct)).OutboxRows.Should().Be(3);

        (await QueryAsync<string>("select idempotency_key from notifications.outbox order by idempotency_key")).Should().Equal("old-pending", "recent-failed");
    }

    [Test]
    public void The_jobs_process_declares_it_nightly_at_23_45_Paris()
    {
        var jobs = new RecordingJobManager();

        RdvSP.Infrastructure.Jobs.JobsSetup.DeclareRecurringJobs(jobs);

        var declared = jobs.Declared.Should().ContainSingle(j => j.Id == AnonymiseOldReceiptsJob.Id).Subject;
        declared.Cron.Should().Be("45 23 * * *");
        declared.Job.Type.Should().Be<AnonymiseOldReceiptsJob>();
        declared.Options.TimeZone.Id.Should().Be("Europe/Paris");
    }

    private sealed class RecordingJobManager : Hangfire.IRecurringJobManager
    {
        public List<(string Id, Hangfire.Common.Job Job, string Cron, Hangfire.RecurringJobOptions Options)> Declared { get; } = [];

        public void AddOrUpdate(string recurringJobId, Hangfire.Common.Job job, string cronExpression, Hangfire.RecurringJobOptions options) =>
            Declared.Add((recurringJobId, job, cronExpression, options));

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
