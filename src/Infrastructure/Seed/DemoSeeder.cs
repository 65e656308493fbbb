using Dapper;
using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Booking;
using RdvSP.Infrastructure.Identity;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Persistence;
using RdvSP.Infrastructure.Usagers;

namespace RdvSP.Infrastructure.Seed;

/// <summary>
/// Demo data that looks like a real département (Drôme, 26): three organisations, services, ten
/// motifs over the four location types, six lieux, eight agents with weekly plages, absences, rdvs
/// (past, upcoming, collective), usagers with relatives and accounts. Written through the modules'
/// repositories, in one transaction. Idempotent: does nothing when the territory exists. All dates are
/// relative to the clock, so the agenda always looks current.
/// </summary>
public static class DemoSeeder
{
    public const string TerritoryName = "Drôme";
    public const string UsagerPassword = "Demo-Usager-2026!";
    public const string AgentPassword = "Demo-Agent-2026!";
    private const string TimeZoneId = "Europe/Paris";
    private const string MailDomain = "demo.rdv-sp.fr";

    // Advisory-lock namespace of the seed ("SEED"), distinct from the booking locks.
    private const int SeedLockNamespace = 0x53454544;

    private static readonly DemoLogin[] UsagerLogins =
    [
        new($"lea.martin@{MailDomain}", UsagerPassword, "Usagère, Valence, deux enfants (Tom, Jade)"),
        new($"jean.dupont@{MailDomain}", UsagerPassword, "Usager, Romans-sur-Isère, une fille (Lucie), référent Karim Benali"),
    ];

    private static readonly DemoLogin[] AgentLogins =
    [
        new($"martine.lefebvre@{MailDomain}", AgentPassword, "Sage-femme PMI, admin MDS Valence"),
        new($"marc.garnier@{MailDomain}", AgentPassword, "Puériculteur PMI, MDS Valence"),
        new($"sophie.roux@{MailDomain}", AgentPassword, "Secrétariat, MDS Valence"),
        new($"elodie.blanc@{MailDomain}", AgentPassword, "Assistante sociale, admin MDS Romans"),
        new($"karim.benali@{MailDomain}", AgentPassword, "Travailleur social, MDS Romans"),
        new($"nathalie.girard@{MailDomain}", AgentPassword, "Sage-femme PMI, MDS Romans"),
        new($"julien.faure@{MailDomain}", AgentPassword, "Conseiller France Services, admin Die"),
        new($"camille.perrin@{MailDomain}", AgentPassword, "Conseillère France Services, Die"),
        new($"helene.morel@{MailDomain}", AgentPassword, "Cheffe de service PMI, admin MDS Valence et MDS Romans, administratrice du territoire"),
    ];

    public static async Task<DemoSeedReport> SeedAsync(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(clock);
        DapperSetup.Configure();

        await using var db = new DbSession(dataSource);
        await db.BeginAsync(ct);
        var connection = await db.ConnectionAsync(ct);
        // Two processes starting at once (web + jobs) must not both seed.
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@ns, 1)", new { ns = SeedLockNamespace }, transaction: db.Transaction, cancellationToken: ct));

        var organisations = new OrganisationRepository(db);
        if (await organisations.FindTerritoryByNameAsync(TerritoryName, ct) is not null)
        {
            await db.RollbackAsync(ct);
            return new DemoSeedReport(false, TerritoryName, UsagerLogins, AgentLogins);
        }

        await new Writer(db, clock.GetUtcNow()).WriteAsync(ct);
        await db.CommitAsync(ct);
        return new DemoSeedReport(true, TerritoryName, UsagerLogins, AgentLogins);
    }

    private sealed class Writer(DbSession db, DateTimeOffset now)
    {
        private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

        private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        private readonly OrganisationRepository organisations = new(db);
        private readonly AgentRepository agents = new(db);
        private readonly UsagerRepository usagers = new(db);
        private readonly OpeningPeriodRepository plages = new(db);
        private readonly AbsenceRepository absences = new(db);
        private readonly RdvRepository rdvs = new(db);
        private readonly UsagerAccountRepository usagerAccounts = new(db);
        private readonly AgentAccountRepository agentAccounts = new(db);
        private readonly AspNetPasswordHasher hasher = new();

        /// <summary>Monday of the current local week.</summary>
        private DateOnly ThisMonday
        {
            get
            {
                var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
                return today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            }
        }

        public async Task WriteAsync(CancellationToken ct)
        {
            var thisMonday = ThisMonday;
            var nextMonday = thisMonday.AddDays(7);
            // Plages began four weeks ago, so they are recurring "now" and the agenda has history.
            var plagesStart = thisMonday.AddDays(-28);

            var territory = await organisations.AddTerritoryAsync(new NewTerritory("26", TerritoryName, "04 75 79 26 26"), ct);
            var valence = await organisations.AddOrganisationAsync(
                new NewOrganisation(territory, "MDS Valence", "04 75 79 70 00", $"mds.valence@{MailDomain}", "https://www.ladrome.fr", "Du lundi au vendredi, 8h30–12h et 13h30–17h", "MDS-VAL"), ct);
            var romans = await organisations.AddOrganisationAsync(
                new NewOrganisation(territory, "MDS Romans", "04 75 70 82 00", $"mds.romans@{MailDomain}", "https://www.ladrome.fr", "Du lundi au vendredi, 9h–12h et 14h–17h", "MDS-ROM"), ct);
            var die = await organisations.AddOrganisationAsync(
                new NewOrganisation(territory, "France Services Die", "04 75 22 14 00", $"france-services.die@{MailDomain}", "https://www.france-services.gouv.fr", "Lundi au vendredi le matin, mardi et jeudi après-midi", "FS-DIE"), ct);

            var pmi = await organisations.EnsureServiceAsync("PMI (Protection Maternelle Infantile)", "PMI", ct);
            var social = await organisations.EnsureServiceAsync("Service social", "Social", ct);
            var secretariat = await organisations.EnsureServiceAsync("Secrétariat", "Secrétariat", ct);
            var franceServices = await organisations.EnsureServiceAsync("France Services", "FS", ct);

            // Lieux: real streets of the three towns, approximate coordinates.
            var valenceCentre = await Lieu(valence, "MDS Valence Centre", "7 avenue de Romans, 26000 Valence", 44.9360, 4.8990, "04 75 79 70 10");
            var fontbarlettes = await Lieu(valence, "Antenne PMI Fontbarlettes", "Place Jean Vilar, 26000 Valence", 44.9262, 4.9185, null);
            var romansCentre = await Lieu(romans, "MDS Romans-sur-Isère", "2 rue Jacquemart, 26100 Romans-sur-Isère", 45.0437, 5.0512, "04 75 70 82 10");
            var bourgDePeage = await Lieu(romans, "Antenne PMI Bourg-de-Péage", "Place de la République, 26300 Bourg-de-Péage", 45.0378, 5.0528, null);
            var dieCentre = await Lieu(die, "France Services Die", "Rue Félix Germain, 26150 Die", 44.7539, 5.3699, "04 75 22 14 00");
            var luc = await Lieu(die, "Permanence de Luc-en-Diois", "Place de la Mairie, 26310 Luc-en-Diois", 44.6172, 5.4458, null);

            const string restriction = "Merci d'apporter votre carnet de santé et votre carte Vitale.";
            var prenatalValence = await Motif(new NewMotif(valence, pmi, "Consultation prénatale", "#E1000F", 30, LocationTypes.PublicOffice, BookableBy.Everyone,
                RestrictionForRdv: restriction, InstructionForRdv: "Présentez-vous à l'accueil 10 minutes avant l'heure du rendez-vous."), ct);
            var phonePmi = await Motif(new NewMotif(valence, pmi, "Entretien téléphonique avec une puéricultrice", "#6A6AF4", 20, LocationTypes.Phone, BookableBy.Everyone,
                InstructionForRdv: "La puéricultrice vous appellera au numéro indiqué."), ct);
            var homeVisit = await Motif(new NewMotif(valence, pmi, "Visite à domicile après la naissance", "#009081", 45, LocationTypes.Home, BookableBy.Everyone, BufferAfterMinutes: 15), ct);
            var schoolCheck = await Motif(new NewMotif(valence, pmi, "Bilan de santé en école maternelle", "#7F7F7F", 30, LocationTypes.PublicOffice, BookableBy.Agents), ct);
            var workshop = await Motif(new NewMotif(valence, pmi, "Atelier collectif parentalité", "#FF9940", 90, LocationTypes.PublicOffice, BookableBy.Everyone, Collectif: true,
                InstructionForRdv: "Atelier animé par l'équipe PMI ; les enfants sont les bienvenus."), ct);
            var prenatalRomans = await Motif(new NewMotif(romans, pmi, "Consultation prénatale", "#E1000F", 30, LocationTypes.PublicOffice, BookableBy.Everyone, RestrictionForRdv: restriction), ct);
            var socialWorker = await Motif(new NewMotif(romans, social, "Rendez-vous avec une assistante sociale", "#000091", 45, LocationTypes.PublicOffice, BookableBy.Everyone), ct);
            var socialVisio = await Motif(new NewMotif(romans, social, "Entretien social en visioconférence", "#8585F6", 30, LocationTypes.Visio, BookableBy.Everyone,
                InstructionForRdv: "Le lien de la visioconférence figure dans votre confirmation."), ct);
            var followUp = await Motif(new NewMotif(romans, social, "Suivi RSA avec votre référent", "#A558A0", 30, LocationTypes.PublicOffice,
                BookableBy.AgentsAndPrescripteursAndInvitedUsers, FollowUp: true), ct);
            var paperwork = await Motif(new NewMotif(die, franceServices, "Aide aux démarches administratives en ligne", "#18753C", 30, LocationTypes.PublicOffice, BookableBy.Everyone,
                InstructionForRdv: "Apportez vos identifiants (impots.gouv.fr, CAF, ameli) et vos justificatifs.", SlotStepMinutes: 15), ct);

            var martine = await Agent("Martine", "Lefebvre", [pmi], valence, AccessLevels.Admin, ct);
            var marc = await Agent("Marc", "Garnier", [pmi], valence, AccessLevels.Basic, ct);
            var sophie = await Agent("Sophie", "Roux", [secretariat], valence, AccessLevels.Basic, ct);
            var elodie = await Agent("Élodie", "Blanc", [social], romans, AccessLevels.Admin, ct);
            var karim = await Agent("Karim", "Benali", [social], romans, AccessLevels.Basic, ct);
            var nathalie = await Agent("Nathalie", "Girard", [pmi], romans, AccessLevels.Basic, ct);
            var julien = await Agent("Julien", "Faure", [franceServices], die, AccessLevels.Admin, ct);
            var camille = await Agent("Camille", "Perrin", [franceServices], die, AccessLevels.Basic, ct);
            // Territorial admin, admin of two organisations: her home lists both.
            var helene = await agents.AddAsync(new NewAgent("Hélène", "Morel", $"helene.morel@{MailDomain}", [pmi],
                [new AgentRoleDto(valence, AccessLevels.Admin), new AgentRoleDto(romans, AccessLevels.Admin)]), ct);
            await agents.AddTerritorialRoleAsync(helene, territory, ct);
            // An intervenant (a lawyer's free consultation): in the planning, without e-mail or sign-in.
            var lawyer = await agents.AddAsync(new NewAgent("Maître Claire", "Vidal", null, [social], [new AgentRoleDto(romans, AccessLevels.Intervenant)]), ct);
            _ = sophie;

            var mornings = (new TimeOnly(9, 0), new TimeOnly(12, 0));
            var afternoons = (new TimeOnly(14, 0), new TimeOnly(17, 0));
            await Plage(martine, valence, valenceCentre, "Consultations sage-femme", plagesStart, mornings, Weekdays, 1, [prenatalValence, phonePmi, schoolCheck], ct);
            await Plage(marc, valence, fontbarlettes, "Permanence Fontbarlettes", plagesStart.AddDays(1), afternoons, [DayOfWeek.Tuesday, DayOfWeek.Thursday], 1, [prenatalValence, phonePmi], ct);
            await Plage(marc, valence, null, "Visites à domicile", plagesStart.AddDays(2), mornings, [DayOfWeek.Wednesday], 1, [homeVisit], ct);
            await Plage(elodie, romans, romansCentre, "Accueil social", plagesStart, mornings, [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday], 1, [socialWorker], ct);
            await Plage(elodie, romans, null, "Entretiens en visio", plagesStart.AddDays(1), afternoons, [DayOfWeek.Tuesday], 1, [socialVisio], ct);
            await Plage(karim, romans, romansCentre, "Accompagnement social", plagesStart, afternoons, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], 1, [socialWorker, followUp], ct);
            await Plage(nathalie, romans, bourgDePeage, "Consultations Bourg-de-Péage", plagesStart.AddDays(3), mornings, [DayOfWeek.Thursday], 1, [prenatalRomans], ct);
            await Plage(julien, die, dieCentre, "Accueil France Services", plagesStart, mornings, Weekdays, 1, [paperwork], ct);
            await Plage(camille, die, luc, "Permanence itinérante Luc-en-Diois", plagesStart.AddDays(1), afternoons, [DayOfWeek.Tuesday, DayOfWeek.Thursday], 2, [paperwork], ct);

            var fridayNextWeek = nextMonday.AddDays(4);
            await absences.AddAsync(new NewAbsence(martine, "Formation continue", fridayNextWeek, new TimeOnly(9, 0), fridayNextWeek, new TimeOnly(12, 0)), ct);
            await absences.AddAsync(new NewAbsence(karim, "Congés", nextMonday.AddDays(7), new TimeOnly(0, 0), nextMonday.AddDays(9), new TimeOnly(23, 55)), ct);
            var teamMeeting = Recurrence.Weekly(plagesStart.AddDays(4), 1, [DayOfWeek.Friday]).Value;
            await absences.AddAsync(new NewAbsence(julien, "Réunion d'équipe", plagesStart.AddDays(4), new TimeOnly(9, 0), plagesStart.AddDays(4), new TimeOnly(10, 0), teamMeeting.ToJson(zone)), ct);

            // Usagers: two families with accounts, one usager known only to the agents.
            var lea = await Usager(new NewUsager("Léa", "Martin", CreatedThrough.UserSignUp, $"lea.martin@{MailDomain}", "06 12 34 56 78", "+33612345678",
                new DateOnly(1992, 4, 14), null, "15 rue Émile Augier, 26000 Valence", null, "26362", "26000", "Valence", ConfirmedAt: now.AddDays(-60)), valence, ct);
            var tom = await Usager(new NewUsager("Tom", "Martin", CreatedThrough.UserRelativeCreation, BirthDate: new DateOnly(2019, 9, 2), ResponsibleId: lea), valence, ct);
            await Usager(new NewUsager("Jade", "Martin", CreatedThrough.UserRelativeCreation, BirthDate: new DateOnly(2023, 1, 20), ResponsibleId: lea), valence, ct);
            var jean = await Usager(new NewUsager("Jean", "Dupont", CreatedThrough.UserSignUp, $"jean.dupont@{MailDomain}", "07 61 23 45 67", "+33761234567",
                new DateOnly(1978, 11, 3), null, "8 place Jacquemart, 26100 Romans-sur-Isère", null, "26281", "26100", "Romans-sur-Isère", ConfirmedAt: now.AddDays(-200)), romans, ct);
            var lucie = await Usager(new NewUsager("Lucie", "Dupont", CreatedThrough.UserRelativeCreation, BirthDate: new DateOnly(2012, 6, 25), ResponsibleId: jean), romans, ct);
            var aicha = await Usager(new NewUsager("Aïcha", "Haddad", CreatedThrough.AgentCreation, null, "06 98 76 54 32", "+33698765432",
                new DateOnly(1985, 2, 11), null, "3 rue Camille Buffardel, 26150 Die", null, "26113", "26150", "Die"), die, ct);
            await usagers.AddReferentAsync(jean, karim, ct);

            var usagerHash = hasher.Hash(UsagerPassword);
            await usagerAccounts.CreateAsync(lea, usagerHash, now.AddDays(-60), ct);
            await usagerAccounts.CreateAsync(jean, usagerHash, now.AddDays(-200), ct);
            var agentHash = hasher.Hash(AgentPassword);
            foreach (var login in AgentLogins)
            {
                var agent = await agents.FindByEmailAsync(login.Email, ct) ?? throw new InvalidOperationException(login.Email);
                await agentAccounts.SetPasswordAsync(agent.Id, agentHash, now.AddDays(-90), ct);
            }

            // Past rdvs (seen, no-show), upcoming ones booked by usagers (exclusive slots) or by agents.
            var lastWeek = thisMonday.AddDays(-7);
            var seen = await Rdv(valence, prenatalValence, valenceCentre, At(lastWeek.AddDays(1), 10, 0), 30, martine, [lea], CreatedByTypes.User, lea, ct);
            var noshow = await Rdv(romans, socialWorker, romansCentre, At(lastWeek, 9, 0), 45, elodie, [jean], CreatedByTypes.Agent, elodie, ct);
            await Rdv(valence, prenatalValence, valenceCentre, At(nextMonday.AddDays(1), 10, 0), 30, martine, [lea], CreatedByTypes.User, lea, ct);
            await Rdv(valence, phonePmi, null, At(nextMonday.AddDays(3), 14, 20), 20, marc, [lea], CreatedByTypes.User, lea, ct);
            await Rdv(romans, socialWorker, romansCentre, At(nextMonday.AddDays(2), 9, 0), 45, elodie, [jean, lucie], CreatedByTypes.User, jean, ct);
            await Rdv(romans, followUp, romansCentre, At(nextMonday.AddDays(3), 14, 0), 30, karim, [jean], CreatedByTypes.Agent, karim, ct);
            await Rdv(die, paperwork, dieCentre, At(nextMonday, 10, 30), 30, julien, [aicha], CreatedByTypes.Agent, julien, ct);
            var excused = await Rdv(valence, prenatalValence, valenceCentre, At(nextMonday.AddDays(2), 11, 0), 30, martine, [lea], CreatedByTypes.User, lea, ct);
            await rdvs.CancelAsync(excused, RdvStatuses.Excused, now.AddDays(-1), ct);
            await SetStatusAsync(seen, RdvStatuses.Seen, null, ct);
            await SetStatusAsync(noshow, RdvStatuses.Noshow, At(lastWeek, 9, 45), ct);

            // Two upcoming workshops (capacity 5 and 8); Léa's son Tom takes part in the first.
            var firstWorkshop = await Collective(valence, workshop, valenceCentre, At(nextMonday.AddDays(2), 14, 0), [marc], 5, ct);
            await Collective(valence, workshop, valenceCentre, At(nextMonday.AddDays(9), 14, 0), [marc, martine], 8, ct);
            var joined = await rdvs.JoinCollectiveAsync(new CollectiveJoin(firstWorkshop, tom, [lea, tom]), ct);
            if (joined.IsFailure) throw new InvalidOperationException(joined.Error.ToString());
            _ = lucie;

            await WriteThisWeekAsync(thisMonday, valence, romans, valenceCentre, romansCentre, fontbarlettes, prenatalValence, socialWorker, martine, marc, elodie, karim, lawyer, ct);
        }

        /// <summary>
        /// A realistic working week in the agendas of Valence and Romans, booked by the agents: the
        /// past days' RDVs are mostly filled in (seen, no-show), a few are left "à renseigner".
        /// </summary>
        private async Task WriteThisWeekAsync(DateOnly monday, long valence, long romans, long valenceCentre, long romansCentre, long fontbarlettes,
            long prenatal, long socialWorker, long martine, long marc, long elodie, long karim, long lawyer, CancellationToken ct)
        {
            (string First, string Last, string Phone)[] people =
            [
                ("Inès", "Bernard", "06 11 22 33 44"), ("Hugo", "Petit", "06 22 33 44 55"), ("Emma", "Robert", "07 33 44 55 66"),
                ("Nora", "Richard", "06 44 55 66 77"), ("Lina", "Durand", "06 55 66 77 88"), ("Yanis", "Moreau", "07 66 77 88 99"),
                ("Chloé", "Simon", "06 77 88 99 00"), ("Rayan", "Laurent", "06 88 99 00 11"), ("Manon", "Lefèvre", "07 99 00 11 22"),
                ("Adam", "Michel", "06 10 20 30 40"),
            ];
            var valencePeople = new List<long>();
            var romansPeople = new List<long>();
            for (var i = 0; i < people.Length; i++)
            {
                var (first, last, phone) = people[i];
                var organisation = i % 2 == 0 ? valence : romans;
                var id = await Usager(new NewUsager(first, last, CreatedThrough.AgentCreation, null, phone, "+33" + phone.Replace(" ", "", StringComparison.Ordinal)[1..],
                    new DateOnly(1980 + i * 2, 1 + i, 5 + i)), organisation, ct);
                (organisation == valence ? valencePeople : romansPeople).Add(id);
            }

            var slots = new List<(long Organisation, long Motif, long? Lieu, DateTimeOffset Start, int Minutes, long Agent, long User)>();
            for (var d = 0; d < 5; d++)
            {
                var day = monday.AddDays(d);
                var p = d;
                slots.Add((valence, prenatal, valenceCentre, At(day, 9, 0), 30, martine, valencePeople[p % valencePeople.Count]));
                slots.Add((valence, prenatal, valenceCentre, At(day, 10, 30), 30, martine, valencePeople[(p + 1) % valencePeople.Count]));
                if (day.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday)
                    slots.Add((valence, prenatal, fontbarlettes, At(day, 14, 30), 30, marc, valencePeople[(p + 2) % valencePeople.Count]));
                if (day.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday)
                    slots.Add((romans, socialWorker, romansCentre, At(day, 9, 30), 45, elodie, romansPeople[p % romansPeople.Count]));
                if (day.DayOfWeek is not DayOfWeek.Friday)
                    slots.Add((romans, socialWorker, romansCentre, At(day, 15, 0), 45, karim, romansPeople[(p + 1) % romansPeople.Count]));
                if (day.DayOfWeek is DayOfWeek.Wednesday)
                    slots.Add((romans, socialWorker, romansCentre, At(day, 16, 0), 45, lawyer, romansPeople[(p + 2) % romansPeople.Count]));
            }

            var index = 0;
            foreach (var slot in slots)
            {
                var id = await Rdv(slot.Organisation, slot.Motif, slot.Lieu, slot.Start, slot.Minutes, slot.Agent, [slot.User], CreatedByTypes.Agent, slot.Agent, ct);
                // Past RDVs: three in four filled in, the others wait in "N RDV à renseigner".
                if (slot.Start.AddMinutes(slot.Minutes) < now && index++ % 4 != 3)
                    await SetStatusAsync(id, index % 5 == 0 ? RdvStatuses.Noshow : RdvStatuses.Seen, index % 5 == 0 ? slot.Start.AddMinutes(slot.Minutes) : null, ct);
            }
        }

        private DateTimeOffset At(DateOnly day, int hour, int minute)
        {
            var local = day.ToDateTime(new TimeOnly(hour, minute));
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        private Task<long> Lieu(long organisationId, string name, string address, double latitude, double longitude, string? phone) =>
            organisations.AddLieuAsync(new NewLieu(organisationId, name, address, latitude, longitude, phone, phone is null ? null : "+33" + phone.Replace(" ", "", StringComparison.Ordinal)[1..]), CancellationToken.None);

        private Task<long> Motif(NewMotif motif, CancellationToken ct) => organisations.AddMotifAsync(motif, ct);

        private Task<long> Agent(string firstName, string lastName, long[] services, long organisationId, string accessLevel, CancellationToken ct)
        {
            var email = $"{Ascii(firstName)}.{Ascii(lastName)}@{MailDomain}";
            return agents.AddAsync(new NewAgent(firstName, lastName, email, services, [new AgentRoleDto(organisationId, accessLevel)]), ct);
        }

        private async Task Plage(long agentId, long organisationId, long? lieuId, string title, DateOnly firstDay, (TimeOnly Start, TimeOnly End) hours,
            DayOfWeek[] days, int interval, long[] motifIds, CancellationToken ct)
        {
            var recurrence = Recurrence.Weekly(firstDay, interval, days).Value;
            await plages.AddAsync(new NewOpeningPeriod(agentId, organisationId, lieuId, title, firstDay, hours.Start, hours.End, recurrence.ToJson(zone), recurrence.EndsAtLocal, motifIds), ct);
        }

        private async Task<long> Usager(NewUsager usager, long organisationId, CancellationToken ct)
        {
            var id = await usagers.AddAsync(usager, ct);
            await usagers.AddFamilyToOrganisationAsync(id, organisationId, ct);
            return id;
        }

        private async Task<long> Rdv(long organisationId, long motifId, long? lieuId, DateTimeOffset start, int minutes, long agentId, long[] participants,
            string createdByType, long createdById, CancellationToken ct)
        {
            var created = await rdvs.InsertAsync(
                new NewRdv(organisationId, motifId, lieuId, start, start.AddMinutes(minutes), [agentId],
                    participants.Select(p => new NewParticipation(p, CreatedByType: createdByType, CreatedById: createdById)).ToList(),
                    createdByType, createdById, ExclusiveForAgents: createdByType != CreatedByTypes.Agent),
                ct);
            return created.IsSuccess ? created.Value.Id : throw new InvalidOperationException($"Demo rdv at {start}: {created.Error}");
        }

        private async Task<long> Collective(long organisationId, long motifId, long lieuId, DateTimeOffset start, long[] agentIds, int capacity, CancellationToken ct)
        {
            var created = await rdvs.InsertAsync(
                new NewRdv(organisationId, motifId, lieuId, start, start.AddMinutes(90), agentIds, [], CreatedByTypes.Agent, agentIds[0],
                    ExclusiveForAgents: false, Name: "Atelier parents-enfants : le sommeil", MaxParticipantsCount: capacity),
                ct);
            return created.Value.Id;
        }

        /// <summary>Past statuses are agents' work, not a repository use case: plain SQL, same transaction.</summary>
        private async Task SetStatusAsync(long rdvId, string status, DateTimeOffset? cancelledAt, CancellationToken ct)
        {
            var connection = await db.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                update booking.rdvs set status = @status, cancelled_at = @cancelledAt where id = @rdvId;
                update booking.participations set status = @status where rdv_id = @rdvId;
                """,
                new { rdvId, status, cancelledAt = cancelledAt?.ToUniversalTime() },
                db.Transaction,
                cancellationToken: ct));
        }

        private static string Ascii(string name) =>
            new string(name.Normalize(System.Text.NormalizationForm.FormD)
                .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
                .ToArray()).ToLowerInvariant();
    }
}

/// <param name="Seeded">False when the demo territory already existed (nothing was written).</param>
public sealed record DemoSeedReport(bool Seeded, string TerritoryName, IReadOnlyList<DemoLogin> UsagerLogins, IReadOnlyList<DemoLogin> AgentLogins);

public sealed record DemoLogin(string Email, string Password, string Description);
