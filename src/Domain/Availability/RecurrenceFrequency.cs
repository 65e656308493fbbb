namespace RdvSP.Domain.Availability;

public enum RecurrenceFrequency
{
    Week,
    Month,
}
