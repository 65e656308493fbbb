-- Receipts (issue 10, end): 'not_sent' records a usager e-mail the dispatcher deliberately did not send
-- (DISABLE_SENDING_EMAILS); anonymised_at marks receipts whose personal fields (address, number,
-- content, error) the nightly job blanked 6 months after they were written (REFERENCE-DOMAIN §2.14).
alter table notifications.receipts drop constraint receipts_result_check;
alter table notifications.receipts add constraint receipts_result_check
    check (result in ('processed', 'sent', 'delivered', 'failure', 'not_sent'));

alter table notifications.receipts add column anonymised_at timestamptz;

-- The job's batches: receipts not anonymised yet, oldest first.
create index receipts_to_anonymise on notifications.receipts (created_at) where anonymised_at is null;
-- Finished outbox rows are purged by the same job (a failed row keeps its payload, personal data).
create index outbox_finished on notifications.outbox (created_at) where status <> 'pending';
