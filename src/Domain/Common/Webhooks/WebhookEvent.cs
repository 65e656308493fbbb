namespace RdvSP.Domain.Common.Webhooks;

public enum WebhookEvent
{
    Created,
    Updated,
    Destroyed,
}
