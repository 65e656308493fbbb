namespace RdvSP.Domain.Booking;

public enum SeatsStatus
{
    RemainingSeats,
    FullyBooked,
    Overbooked,
}
