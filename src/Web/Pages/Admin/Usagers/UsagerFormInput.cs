using RdvSP.Application.Usagers.AgentSpace;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>The usager form's fields, named as the RDV wizard's modal posts them (Input.FirstName, Input.BirthDate…).</summary>
public sealed class UsagerFormInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? BirthName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Email { get; set; }
    public string? PhoneNumber { get; set; }
    public bool NotifyByEmail { get; set; } = true;
    public bool NotifyBySms { get; set; } = true;
    public string? Address { get; set; }
    public string? AddressDetails { get; set; }
    public bool IsRelative { get; set; }
    public long? ResponsibleId { get; set; }
    public short? CaisseAffiliation { get; set; }
    public string? AffiliationNumber { get; set; }
    public short? FamilySituation { get; set; }
    public int? NumberOfChildren { get; set; }
    public short? Logement { get; set; }
    public string? Notes { get; set; }
    public string? CaseNumber { get; set; }
    public bool ConfirmLookAlikes { get; set; }

    public static UsagerFormInput From(UsagerRecord u) => new()
    {
        FirstName = u.FirstName,
        LastName = u.LastName,
        BirthName = u.BirthName,
        BirthDate = u.BirthDate,
        Email = u.Email,
        PhoneNumber = u.PhoneNumber,
        NotifyByEmail = u.NotifyByEmail,
        NotifyBySms = u.NotifyBySms,
        Address = u.Address,
        AddressDetails = u.AddressDetails,
        IsRelative = u.IsRelative,
        ResponsibleId = u.ResponsibleId,
        CaisseAffiliation = u.CaisseAffiliation,
        AffiliationNumber = u.AffiliationNumber,
        FamilySituation = u.FamilySituation,
        NumberOfChildren = u.NumberOfChildren,
        Logement = u.Logement,
        Notes = u.Notes,
        CaseNumber = u.CaseNumber,
    };

    public T ToCommand<T>(T command) where T : UsagerInput => command with
    {
        FirstName = FirstName ?? "",
        LastName = LastName ?? "",
        BirthName = BirthName,
        BirthDate = BirthDate,
        Email = Email,
        PhoneNumber = PhoneNumber,
        NotifyByEmail = NotifyByEmail,
        NotifyBySms = NotifyBySms,
        Address = Address,
        AddressDetails = AddressDetails,
        IsRelative = IsRelative,
        ResponsibleId = ResponsibleId,
        CaisseAffiliation = CaisseAffiliation,
        AffiliationNumber = AffiliationNumber,
        FamilySituation = FamilySituation,
        NumberOfChildren = NumberOfChildren,
        Logement = Logement,
        Notes = Notes,
        CaseNumber = CaseNumber,
        ConfirmLookAlikes = ConfirmLookAlikes,
    };
}
