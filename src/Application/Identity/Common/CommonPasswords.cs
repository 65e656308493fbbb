namespace RdvSP.Application.Identity.Common;

/// <summary>
/// Common passwords, French and international (the reference uses the gem common_french_passwords).
/// Most raw leaked passwords are already refused by the length and character rules, so the list
/// focuses on what slips through them: popular words and keyboard runs with the usual decorations
/// (a capital, "123", a year, "!"). Compared case-insensitively.
/// </summary>
public static class CommonPasswords
{
    /// <summary>Popular bases, lower-case.</summary>
    private static readonly string[] Bases =
    [
        "password", "motdepasse", "azerty", "azertyuiop", "qwerty", "qwertyuiop", "azertyuiop123", "qsdfghjklm",
        "wxcvbn", "abcdef", "abcdefgh", "abcdefghij", "123456", "12345678", "123456789", "1234567890",
        "0123456789", "987654321", "111111", "000000", "123123", "azerty123", "admin", "administrateur",
        "administrator", "welcome", "bienvenue", "bonjour", "bonsoir", "salut", "soleil", "chocolat",
        "doudou", "loulou", "chouchou", "nounours", "coucou", "jetaime", "jetaimetoujours", "monamour",
        "amour", "princesse", "marseille", "paris", "lyon", "toulouse", "bordeaux", "nantes", "lille",
        "strasbourg", "montpellier", "nice", "rennes", "france", "bretagne", "olympique", "psg", "allezlom",
        "football", "foot", "rugby", "tennis", "basket", "vacances", "juillet", "janvier", "fevrier", "mars",
        "avril", "mai", "juin", "aout", "septembre", "octobre", "novembre", "decembre", "lundi", "dimanche",
        "printemps", "ete", "automne", "hiver", "noel", "famille", "maison", "papa", "maman", "bebe", "enfant",
        "camille", "nicolas", "julien", "thomas", "alexandre", "antoine", "maxime", "marie", "sophie", "julie",
        "nathalie", "isabelle", "sandrine", "stephanie", "celine", "aurelie", "emilie", "laura", "sarah", "lucas",
        "louis", "hugo", "leo", "jade", "emma", "chloe", "manon", "ines", "mohamed", "karim", "sebastien",
        "christophe", "frederic", "philippe", "pierre", "jeanne", "michel", "patrick", "daniel", "catherine",
        "superman", "batman", "pokemon", "naruto", "starwars", "dragon", "master", "shadow", "sunshine",
        "iloveyou", "princess", "monkey", "letmein", "trustno1", "baseball", "football1", "charlie", "freedom",
        "whatever", "michael", "jennifer", "jordan", "hunter", "ranger", "buster", "tigger", "summer", "winter",
        "spring", "autumn", "secret", "secure", "security", "changeme", "default", "test", "testtest", "demo",
        "utilisateur", "user", "usager", "rdv", "rendezvous", "rdvservicepublic", "servicepublic", "solidarites",
        "rdvsolidarites", "mairie", "prefecture", "caf", "ameli", "impots", "franceconnect", "gouv", "republique",
        "liberte", "egalite", "fraternite", "marianne", "chien", "chat", "cheval", "lapin", "poisson", "oiseau",
        "tigre", "lion", "loup", "papillon", "fleur", "rose", "etoile", "lune", "ciel", "mer", "ocean", "plage",
        "montagne", "musique", "guitare", "piano", "cinema", "voiture", "moto", "ordinateur", "internet", "google",
        "facebook", "instagram", "orange", "free", "sfr", "bouygues", "laposte", "wanadoo", "hotmail", "gmail",
        "samsung", "iphone", "apple", "microsoft", "windows", "linux", "computer", "qwerty123", "zaq12wsx",
        "1q2w3e4r", "1qaz2wsx", "a1b2c3d4", "aze123", "azer1234", "qsdf1234", "passw0rd", "p@ssw0rd", "p@ssword",
        "motdepass", "mot2passe", "m0tdepasse", "m0td3pass3", "pa55word", "pass", "passe", "code", "codesecret",
    ];

    /// <summary>Decorations people add to meet "a digit and a special character" rules.</summary>
    private static readonly string[] Suffixes =
    [
        "", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "12!", "123!", "1234!", "12345!", "123456!",
        "!!", "?", "123?", ".", "123.", "@", "@123", "#", "#1", "*", "123*", "$", "_", "_123", "-123",
        "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2020!", "2021!", "2022!", "2023!", "2024!",
        "2025!", "2026!", "@2024", "@2025", "@2026", "01", "01!", "13", "13!", "69", "75", "75!", "2000", "2000!",
    ];

    /// <summary>Frequent whole passwords that already pass the length and character rules.</summary>
    private static readonly string[] Literal =
    [
        "p@ssw0rd1234", "p@ssword1234", "passw0rd1234!", "motdepasse1!", "m0tdepasse!1", "azerty123456!",
        "azertyuiop1!", "qwertyuiop1!", "qwerty123456!", "1234567890a!", "a123456789!!", "abcdef123456!",
        "welcome12345!", "bienvenue123!", "changeme1234!", "iloveyou1234!", "jetaime12345!", "!qaz2wsx3edc",
        "1qaz!qaz1qaz!", "zaq1@wsx3edc", "1q2w3e4r5t6y!", "q1w2e3r4t5y6!", "a1z2e3r4t5y6!", "administrateur1!",
    ];

    private static readonly HashSet<string> All = Build();

    public static int Count => All.Count;

    public static bool Contains(string password) => All.Contains(password.Trim());

    private static HashSet<string> Build()
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in Bases)
            foreach (var suffix in Suffixes)
                set.Add(word + suffix);
        foreach (var literal in Literal) set.Add(literal);
        return set;
    }
}
