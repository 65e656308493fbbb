using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Usagers.AgentSpace;

/// <summary>
/// The agents' view of usagers (REFERENCE-SURFACES §2.3.8). Every read is scoped in SQL by the
/// profile rule: a usager is visible to an organisation when he has a profile there, or anywhere in
/// the territory when it has <c>visible_users_throughout_the_territory</c>.
/// </summary>
public interface IUsagerDirectory
{
    /// <summary>How many of these ids are active usagers visible to the organisation.</summary>
    Task<int> CountVisibleAsync(long organisationId, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken);

    /// <summary>Whether the usager is active and has a profile in an organisation of the organisation's territory.</summary>
    Task<bool> IsInTerritoryAsync(long organisationId, long userId, CancellationToken cancellationToken);

    /// <summary>Visible usagers matching the search (term and/or référent agent), by name.</summary>
    Task<IReadOnlyList<UsagerRow>> SearchAsync(long organisationId, UsagerSearch search, CancellationToken cancellationToken);

    /// <summary>Usagers of the territory's other organisations NOT visible here, matching the term (for "link to organisation").</summary>
    Task<IReadOnlyList<UsagerRow>> SearchTerritoryAsync(long organisationId, SearchTerms terms, int limit, CancellationToken cancellationToken);

    /// <summary>Agents of the organisation, for "usagers suivis par".</summary>
    Task<IReadOnlyList<AgentOption>> OrganisationAgentsAsync(long organisationId, CancellationToken cancellationToken);

    Task<UsagerFields> FieldsAsync(long organisationId, CancellationToken cancellationToken);

    /// <summary>An active usager, every column the agent space edits.</summary>
    Task<UsagerRecord?> GetRecordAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The usager page: relatives, responsible, référents, RDVs of the organisation in the agent's RDV scope.</summary>
    Task<UsagerFile> GetFileAsync(AgentAccess access, UsagerRecord usager, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The active usager owning this e-mail, with whether this organisation sees him.</summary>
    Task<ExistingUsager?> FindByEmailAsync(long organisationId, string email, long? exceptId, CancellationToken cancellationToken);

    /// <summary>Visible usagers with the same names and birth date, or the same phone.</summary>
    Task<IReadOnlyList<ExistingUsager>> FindLookAlikesAsync(long organisationId, UsagerRecord candidate, long? exceptId, CancellationToken cancellationToken);

    /// <summary>Inserts the usager (created by an agent) with a profile in the organisation.</summary>
    Task<long> CreateAsync(UsagerRecord usager, long organisationId, CancellationToken cancellationToken);

    Task UpdateAsync(UsagerRecord usager, CancellationToken cancellationToken);

    /// <summary>Whether the usager is responsible for at least one active relative.</summary>
    Task<bool> HasRelativesAsync(long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves everything of <paramref name="mergedId"/> to <paramref name="kept"/> (participations, waiting
    /// list, relatives, référents, profiles, the sign-in account when its e-mail is kept), writes the kept
    /// values, then anonymises the merged usager. Run inside the caller's transaction.
    /// </summary>
    Task MergeAsync(UsagerRecord kept, long mergedId, bool accountFollowsMerged, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Words of a search, as typed. Letters are matched as word prefixes; a phone-looking term as digits.</summary>
public sealed record SearchTerms
{
    public const int MaxLength = 100;

    private SearchTerms(IReadOnlyList<string> words) => Words = words;

    /// <summary>Lower-case words (letters and digits only), each matched as a prefix.</summary>
    public IReadOnlyList<string> Words { get; }

    public bool IsEmpty => Words.Count == 0;

    /// <summary>
    /// "06 12 34", "+33 6 12", "0033612" become one national number prefix ("061234"); other text is
    /// split at anything but letters and digits ("jean-pierre" → jean, pierre).
    /// </summary>
    public static SearchTerms Parse(string? term)
    {
        if (string.IsNullOrWhiteSpace(term)) return new SearchTerms([]);
        var text = term.Trim();
        if (text.Count(char.IsAsciiDigit) >= 2 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')'))
        {
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            if (text.StartsWith('+') && digits.StartsWith("33", StringComparison.Ordinal)) digits = "0" + digits[2..].TrimStart('0');
            else if (digits.StartsWith("0033", StringComparison.Ordinal)) digits = "0" + digits[4..].TrimStart('0');
            return new SearchTerms([digits]);
        }
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) current.Append(char.ToLowerInvariant(c));
            else Flush();
        }
        Flush();
        return new SearchTerms(words.Distinct().Take(8).ToList());

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>The tsquery text: every word as a prefix ("marie:* &amp; dup:*"). Words hold letters and digits only.</summary>
    public string ToTsQuery() => string.Join(" & ", Words.Select(w => w + ":*"));
}

public sealed record UsagerSearch(SearchTerms Terms, long? ReferentAgentId, IReadOnlyCollection<long> ExcludeIds, int Limit);

public sealed record UsagerRow(long Id, string FirstName, string LastName, string? BirthName, DateOnly? BirthDate, string? Email, string? PhoneNumber, bool IsRelative)
{
    public string FullName => $"{LastName.ToUpperInvariant()} {FirstName}";
}

public sealed record AgentOption(long Id, string FullName);

public sealed record ExistingUsager(long Id, string FirstName, string LastName, DateOnly? BirthDate, bool Visible, bool InTerritory);

/// <summary>The optional fields the territory enables (REFERENCE-SURFACES §2.3.8), and the organisation's time zone.</summary>
public sealed record UsagerFields
{
    public bool Notes { get; init; }
    public bool CaisseAffiliation { get; init; }
    public bool AffiliationNumber { get; init; }
    public bool FamilySituation { get; init; }
    public bool NumberOfChildren { get; init; }
    public bool Logement { get; init; }
    public bool CaseNumber { get; init; }
    public bool AddressDetails { get; init; }
    public string TimeZone { get; init; } = "Europe/Paris";
}

/// <summary>Every column an agent edits or merges.</summary>
public sealed record UsagerRecord
{
    public long Id { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? BirthName { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
    public string? PhoneNumberFormatted { get; init; }
    public bool NotifyByEmail { get; init; } = true;
    public bool NotifyBySms { get; init; } = true;
    public string? Address { get; init; }
    public string? AddressDetails { get; init; }
    public string? CityCode { get; init; }
    public string? PostCode { get; init; }
    public string? CityName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public long? ResponsibleId { get; init; }
    public short? CaisseAffiliation { get; init; }
    public string? AffiliationNumber { get; init; }
    public short? FamilySituation { get; init; }
    public int? NumberOfChildren { get; init; }
    public short? Logement { get; init; }
    public string? Notes { get; init; }
    public string? CaseNumber { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public string? FranceconnectOpenidSub { get; init; }
    public bool HasAccount { get; init; }

    public bool IsRelative => ResponsibleId is not null;

    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>What the usager page shows besides the usager's own fields.</summary>
public sealed record UsagerFile(
    UsagerRecord Usager,
    UsagerFields Fields,
    UsagerRow? Responsible,
    IReadOnlyList<UsagerRow> Relatives,
    IReadOnlyList<AgentOption> Referents,
    IReadOnlyList<UsagerRdv> CurrentRdvs,
    IReadOnlyList<UsagerRdv> NextRdvs,
    IReadOnlyDictionary<string, int> StatusCounts);

public sealed record UsagerRdv(long Id, DateTimeOffset StartsAt, int DurationInMin, string MotifName, string Status, string? LieuName, string AgentNames);

/// <summary>Labels of the enum-like optional fields (values stored as smallint, REFERENCE-DOMAIN §2.1).</summary>
public static class UsagerChoices
{
    public static readonly IReadOnlyList<string> CaisseAffiliation = ["Aucune", "CAF", "MSA"];
    public static readonly IReadOnlyList<string> FamilySituation = ["Seul(e)", "En couple", "Divorcé(e) / séparé(e)"];
    public static readonly IReadOnlyList<string> Logement = ["Sans domicile fixe", "Hébergé(e)", "En accession à la propriété", "Propriétaire", "Autre", "Locataire"];

    public static string? Label(IReadOnlyList<string> labels, short? value) => value is { } v && v >= 0 && v < labels.Count ? labels[v] : null;
}
