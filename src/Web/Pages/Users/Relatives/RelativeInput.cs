namespace RdvSP.Web.Pages.Users.Relatives;

public sealed class RelativeInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? BirthDate { get; set; }
}
