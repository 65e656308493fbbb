namespace RdvSP.Web.Pages.Admin.CreneauxSearch;

/// <summary>French labels of motifs.location_type in the back-office lists.</summary>
public static class MotifLabels
{
    public static string Location(string locationType) => locationType switch
    {
        "public_office" => "sur place",
        "home" => "à domicile",
        "phone" => "par téléphone",
        "visio" => "par visioconférence",
        _ => locationType,
    };
}
