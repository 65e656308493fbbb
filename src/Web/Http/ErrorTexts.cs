namespace RdvSP.Web.Http;

/// <summary>French titles for error pages and ProblemDetails.</summary>
public static class ErrorTexts
{
    public static string TitleFor(int status) => status switch
    {
        400 => "Requête invalide",
        401 => "Authentification requise",
        403 => "Accès refusé",
        404 => "Page introuvable",
        405 => "Méthode non autorisée",
        409 => "Conflit",
        413 => "Requête trop volumineuse",
        415 => "Format de contenu non pris en charge",
        422 => "Demande impossible à traiter",
        429 => "Trop de requêtes",
        503 => "Service momentanément indisponible",
        _ when status >= 500 => "Erreur interne",
        _ => "Erreur",
    };

    public static string DetailFor(int status) => status switch
    {
        400 => "La requête est mal formée. Vérifiez les informations envoyées.",
        401 => "Vous devez vous connecter pour accéder à cette page.",
        403 => "Vous n'avez pas les droits nécessaires pour accéder à cette page.",
        404 => "La page que vous cherchez n'existe pas ou a été déplacée.",
        405 => "Cette action n'est pas possible sur cette adresse.",
        413 => "Les données envoyées sont trop volumineuses.",
        415 => "Le format des données envoyées n'est pas pris en charge.",
        429 => "Vous avez fait trop de demandes en peu de temps. Merci de patienter une minute avant de réessayer.",
        503 => "Le service est momentanément indisponible. Merci de réessayer dans quelques instants.",
        _ when status >= 500 => "Une erreur inattendue s'est produite. L'équipe technique a été prévenue.",
        _ => "Une erreur s'est produite.",
    };
}
