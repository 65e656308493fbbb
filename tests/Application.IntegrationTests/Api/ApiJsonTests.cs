using System.Text.Json;
using RdvSP.Domain.Availability;
using RdvSP.Infrastructure.Api;

namespace RdvSP.Application.IntegrationTests.Api;

/// <summary>
/// The writers of REFERENCE-API §3, byte for byte against the §4.8 examples (the <c>data</c> part):
/// field names, order (id first, then alphabetical), nulls written, formats of datetimes, dates, times.
/// </summary>
public sealed class ApiJsonTests
{
    private static readonly Dictionary<string, string> Examples = new()
    {
        ["rdv"] = """
            {"id":4012,"address":"3 place de la Mairie, Valence, 26000","agents":[{"id":77,"email":"camille.martin@ladrome.fr","first_name":"Camille","inclusion_connect_open_id_sub":null,"last_name":"Martin"}],"cancelled_at":null,"collectif":false,"context":null,"created_by":"agent","created_by_id":77,"created_by_type":"Agent","duration_in_min":30,"ends_at":"2024-11-05 10:30:00 +0100","lieu":{"id":12,"address":"3 place de la Mairie, Valence, 26000","name":"Maison des solidarités","organisation_id":5,"phone_number":null,"single_use":false},"max_participants_count":null,"motif":{"id":31,"bookable_by":"everyone","bookable_publicly":true,"collectif":false,"deleted_at":null,"follow_up":false,"instruction_for_rdv":null,"location_type":"public_office","motif_category":{"id":3,"name":"RSA orientation","short_name":"rsa_orientation"},"name":"Premier accueil","organisation_id":5,"service_id":2},"name":null,"organisation":{"id":5,"email":"mds.valence@ladrome.fr","name":"MDS Valence","phone_number":"0475790000","verticale":"rdv_solidarites"},"participations":[{"id":9001,"created_by":"agent","created_by_agent_prescripteur":false,"created_by_id":77,"created_by_type":"Agent","send_lifecycle_notifications":true,"send_reminder_notification":true,"status":"unknown","user":{"id":301,"address":"12 rue des Lilas, Valence, 26000","address_details":null,"affiliation_number":"1234567","birth_date":"1985-07-20","birth_name":null,"caisse_affiliation":"caf","case_number":null,"created_at":"2024-09-02 14:03:11 +0200","email":"jeanne.durand@example.org","family_situation":"single","first_name":"Jeanne","invitation_accepted_at":null,"invitation_created_at":null,"last_name":"DURAND","logement":"locataire","notes":null,"notify_by_email":true,"notify_by_sms":true,"number_of_children":2,"phone_number":"06 12 34 56 78","phone_number_formatted":"+33612345678","responsible":null,"responsible_id":null,"user_profiles":null}}],"starts_at":"2024-11-05 10:00:00 +0100","status":"unknown","users":[{"id":301,"address":"12 rue des Lilas, Valence, 26000","address_details":null,"affiliation_number":"1234567","birth_date":"1985-07-20","birth_name":null,"caisse_affiliation":"caf","case_number":null,"created_at":"2024-09-02 14:03:11 +0200","email":"jeanne.durand@example.org","family_situation":"single","first_name":"Jeanne","invitation_accepted_at":null,"invitation_created_at":null,"last_name":"DURAND","logement":"locataire","notes":null,"notify_by_email":true,"notify_by_sms":true,"number_of_children":2,"phone_number":"06 12 34 56 78","phone_number_formatted":"+33612345678","responsible":null,"responsible_id":null,"user_profiles":null}],"users_count":1,"uuid":"6f1d3c2e-8b7a-4c61-9e0f-2a5b7c9d1e34"}
            """,
        ["absence"] = """
            {"id":88,"agent":{"id":77,"email":"camille.martin@ladrome.fr","first_name":"Camille","inclusion_connect_open_id_sub":null,"last_name":"Martin"},"end_day":"2024-11-04","end_time":"12:00:00","first_day":"2024-11-04","ical":"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:RDV Solidarités\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nDTSTART:20240331T030000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:20241027T020000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZNAME:CET\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nDTSTAMP:20241024T143718Z\r\nUID:absence_88@RDV Solidarités\r\nDTSTART;TZID=Europe/Paris:20241104T090000\r\nDTEND;TZID=Europe/Paris:20241104T120000\r\nORGANIZER:mailto:secretariat-auto@rdv-solidarites.fr\r\nSEQUENCE:0\r\nSUMMARY:RDV Solidarités Formation\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n","ical_uid":"absence_88@RDV Solidarités","organisation":{"id":5,"email":"mds.valence@ladrome.fr","name":"MDS Valence","phone_number":"0475790000","verticale":"rdv_solidarites"},"rrule":null,"start_time":"09:00:00","title":"Formation"}
            """,
        ["plage_ouverture"] = """
            {"id":240,"agent":{"id":77,"email":"camille.martin@ladrome.fr","first_name":"Camille","inclusion_connect_open_id_sub":null,"last_name":"Martin"},"end_time":"12:30:00","first_day":"2024-11-04","ical":"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:RDV Solidarités\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nDTSTART:20240331T030000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:20241027T020000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZNAME:CET\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nDTSTAMP:20241024T143718Z\r\nUID:plage_ouverture_240@RDV Solidarités\r\nDTSTART;TZID=Europe/Paris:20241104T090000\r\nDTEND;TZID=Europe/Paris:20241104T123000\r\nORGANIZER:mailto:secretariat-auto@rdv-solidarites.fr\r\nSEQUENCE:0\r\nSUMMARY:RDV Solidarités Permanence du lundi\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20250630T000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n","ical_uid":"plage_ouverture_240@RDV Solidarités","lieu":{"id":12,"address":"3 place de la Mairie, Valence, 26000","name":"Maison des solidarités","organisation_id":5,"phone_number":null,"single_use":false},"motifs":[{"id":31,"bookable_by":"everyone","bookable_publicly":true,"collectif":false,"deleted_at":null,"follow_up":false,"instruction_for_rdv":null,"location_type":"public_office","motif_category":{"id":3,"name":"RSA orientation","short_name":"rsa_orientation"},"name":"Premier accueil","organisation_id":5,"service_id":2}],"organisation":{"id":5,"email":"mds.valence@ladrome.fr","name":"MDS Valence","phone_number":"0475790000","verticale":"rdv_solidarites"},"rrule":"FREQ=WEEKLY;BYDAY=MO;UNTIL=20250630T000000;","start_time":"09:00:00","title":"Permanence du lundi"}
            """,
        ["user"] = """
            {"id":301,"address":"12 rue des Lilas, Valence, 26000","address_details":null,"affiliation_number":"1234567","birth_date":"1985-07-20","birth_name":null,"caisse_affiliation":"caf","case_number":null,"created_at":"2024-09-02 14:03:11 +0200","email":"jeanne.durand@example.org","family_situation":"single","first_name":"Jeanne","invitation_accepted_at":null,"invitation_created_at":null,"last_name":"DURAND","logement":"locataire","notes":null,"notify_by_email":true,"notify_by_sms":true,"number_of_children":2,"phone_number":"06 12 34 56 78","phone_number_formatted":"+33612345678","responsible":null,"responsible_id":null,"user_profiles":null}
            """,
        ["user_profile"] = """
            {"organisation":{"id":5,"email":"mds.valence@ladrome.fr","name":"MDS Valence","phone_number":"0475790000","verticale":"rdv_solidarites"},"user":{"id":301,"address":"12 rue des Lilas, Valence, 26000","address_details":null,"affiliation_number":"1234567","birth_date":"1985-07-20","birth_name":null,"caisse_affiliation":"caf","case_number":null,"created_at":"2024-09-02 14:03:11 +0200","email":"jeanne.durand@example.org","family_situation":"single","first_name":"Jeanne","invitation_accepted_at":null,"invitation_created_at":null,"last_name":"DURAND","logement":"locataire","notes":null,"notify_by_email":true,"notify_by_sms":true,"number_of_children":2,"phone_number":"06 12 34 56 78","phone_number_formatted":"+33612345678","responsible":null,"responsible_id":null,"user_profiles":null}}
            """,
        ["organisation"] = """
            {"id":5,"email":"mds.valence@ladrome.fr","name":"MDS Valence","phone_number":"0475790000","verticale":"rdv_solidarites"}
            """,
        ["motif"] = """
            {"id":31,"bookable_by":"everyone","bookable_publicly":true,"collectif":false,"deleted_at":null,"follow_up":false,"instruction_for_rdv":null,"location_type":"public_office","motif_category":{"id":3,"name":"RSA orientation","short_name":"rsa_orientation"},"name":"Premier accueil","organisation_id":5,"service_id":2}
            """,
        ["lieu"] = """
            {"id":12,"address":"3 place de la Mairie, Valence, 26000","name":"Maison des solidarités","organisation_id":5,"phone_number":null,"single_use":false}
            """,
        ["agent"] = """
            {"id":77,"email":"camille.martin@ladrome.fr","first_name":"Camille","inclusion_connect_open_id_sub":null,"last_name":"Martin"}
            """,
        ["agent_role"] = """
            {"id":150,"access_level":"basic","agent":{"id":77,"email":"camille.martin@ladrome.fr","first_name":"Camille","inclusion_connect_open_id_sub":null,"last_name":"Martin"},"organisation":{"id":5,"email":"mds.valence@ladrome.fr","name":"MDS Valence","phone_number":"0475790000","verticale":"rdv_solidarites"}}
            """,
        ["referent_assignation"] = """
            {"agent":{"id":77,"email":"camille.martin@ladrome.fr","first_name":"Camille","inclusion_connect_open_id_sub":null,"last_name":"Martin"},"user":{"id":301,"address":"12 rue des Lilas, Valence, 26000","address_details":null,"affiliation_number":"1234567","birth_date":"1985-07-20","birth_name":null,"caisse_affiliation":"caf","case_number":null,"created_at":"2024-09-02 14:03:11 +0200","email":"jeanne.durand@example.org","family_situation":"single","first_name":"Jeanne","invitation_accepted_at":null,"invitation_created_at":null,"last_name":"DURAND","logement":"locataire","notes":null,"notify_by_email":true,"notify_by_sms":true,"number_of_children":2,"phone_number":"06 12 34 56 78","phone_number_formatted":"+33612345678","responsible":null,"responsible_id":null,"user_profiles":null}}
            """,
    };

    private static readonly DateTimeOffset RenderedAt = new(2024, 10, 24, 14, 37, 18, TimeSpan.Zero);

    private static readonly OrganisationRow Organisation = new() { Id = 5, Email = "mds.valence@ladrome.fr", Name = "MDS Valence", PhoneNumber = "0475790000", Verticale = "rdv_solidarites" };
    private static readonly AgentRow Agent = new() { Id = 77, Email = "camille.martin@ladrome.fr", FirstName = "Camille", LastName = "Martin" };
    private static readonly LieuRow Lieu = new() { Id = 12, Address = "3 place de la Mairie, Valence, 26000", Name = "Maison des solidarités", OrganisationId = 5, Availability = "enabled" };
    private static readonly MotifRow Motif = new()
    {
        Id = 31, BookableBy = "everyone", Collectif = false, FollowUp = false, LocationType = "public_office",
        CategoryId = 3, CategoryName = "RSA orientation", CategoryShortName = "rsa_orientation", Name = "Premier accueil", OrganisationId = 5, ServiceId = 2,
    };
    private static readonly UserRow User = new()
    {
        Id = 301, Address = "12 rue des Lilas, Valence, 26000", AffiliationNumber = "1234567", BirthDate = new DateOnly(1985, 7, 20),
        CaisseAffiliation = 1, CreatedAt = new DateTimeOffset(2024, 9, 2, 12, 3, 11, TimeSpan.Zero), Email = "jeanne.durand@example.org",
        FamilySituation = 0, FirstName = "Jeanne", LastName = "DURAND", Logement = 5, NotifyByEmail = true, NotifyBySms = true,
        NumberOfChildren = 2, PhoneNumber = "06 12 34 56 78", PhoneNumberFormatted = "+33612345678",
    };

    private static string Write(Action<Utf8JsonWriter> write) => ApiJson.Serialize(write);

    [Test]
    public void Organisation_agent_lieu_motif_user_match_the_reference_examples()
    {
        Write(w => ApiJson.Organisation(w, Organisation)).Should().Be(Examples["organisation"]);
        Write(w => ApiJson.Agent(w, Agent)).Should().Be(Examples["agent"]);
        Write(w => ApiJson.Lieu(w, Lieu)).Should().Be(Examples["lieu"]);
        Write(w => ApiJson.Motif(w, Motif)).Should().Be(Examples["motif"]);
        Write(w => ApiJson.User(w, User)).Should().Be(Examples["user"]);
    }

    [Test]
    public void Join_records_have_no_id_and_agent_role_nests_agent_and_organisation()
    {
        Write(w => ApiJson.UserProfile(w, Organisation, User, null)).Should().Be(Examples["user_profile"]);
        Write(w => ApiJson.ReferentAssignation(w, Agent, User, null)).Should().Be(Examples["referent_assignation"]);
        Write(w => ApiJson.AgentRole(w, new AgentRoleRow { Id = 150, AccessLevel = "basic", AgentId = 77, OrganisationId = 5 }, Agent, Organisation))
            .Should().Be(Examples["agent_role"]);
    }

    [Test]
    public void Rdv_nests_agents_lieu_motif_organisation_participations_and_the_deprecated_users()
    {
        var rdv = new RdvRow
        {
            Id = 4012, Uuid = Guid.Parse("6f1d3c2e-8b7a-4c61-9e0f-2a5b7c9d1e34"),
            StartsAt = new DateTimeOffset(2024, 11, 5, 9, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2024, 11, 5, 9, 30, 0, TimeSpan.Zero),
            OrganisationId = 5, MotifId = 31, LieuId = 12, Status = "unknown", CreatedByType = "Agent", CreatedById = 77,
        };
        var participation = new ParticipationRow
        {
            Id = 9001, RdvId = 4012, UserId = 301, Status = "unknown", SendLifecycleNotifications = true, SendReminderNotification = true,
            CreatedByType = "Agent", CreatedById = 77,
        };
        Write(w => ApiJson.Rdv(w, new ApiJson.RdvGraph(rdv, Organisation, Motif, Lieu, [Agent], [(participation, User, null)])))
            .Should().Be(Examples["rdv"]);
    }

    [Test]
    public void Absence_and_plage_carry_their_ical_rrule_and_local_times()
    {
        var day = new DateOnly(2024, 11, 4);
        var absence = new AbsenceRow { Id = 88, AgentId = 77, Title = "Formation", FirstDay = day, StartTime = new TimeOnly(9, 0), EndDay = day, EndTime = new TimeOnly(12, 0) };
        Write(w => ApiJson.Absence(w, absence, Agent, Organisation, RenderedAt)).Should().Be(Examples["absence"]);

        var recurrence = Recurrence.Weekly(day, 1, [DayOfWeek.Monday], new DateOnly(2025, 6, 30)).Value.ToJson();
        var plage = new PlageRow { Id = 240, AgentId = 77, OrganisationId = 5, LieuId = 12, Title = "Permanence du lundi", FirstDay = day, StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(12, 30), Recurrence = recurrence };
        Write(w => ApiJson.PlageOuverture(w, plage, Agent, Lieu, [Motif], Organisation, RenderedAt)).Should().Be(Examples["plage_ouverture"]);
    }

    [Test]
    public void Datetimes_use_the_paris_offset_of_their_season_without_colon_nor_fraction()
    {
        ApiJson.DateTime(new DateTimeOffset(2022, 1, 1, 7, 0, 0, 123, TimeSpan.Zero)).Should().Be("2022-01-01 08:00:00 +0100");
        ApiJson.DateTime(new DateTimeOffset(2024, 7, 14, 22, 30, 5, TimeSpan.Zero)).Should().Be("2024-07-15 00:30:05 +0200");
        ApiJson.DateTime(new DateTimeOffset(2024, 7, 14, 22, 30, 5, TimeSpan.Zero)).Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$");
    }

    [Test]
    public void Rrule_parts_follow_the_reference_order_with_a_trailing_semicolon()
    {
        var weekly = Recurrence.Weekly(new DateOnly(2024, 1, 1), 2, [DayOfWeek.Thursday, DayOfWeek.Monday], new DateOnly(2024, 12, 31)).Value.ToJson();
        ApiJson.Rrule(weekly).Should().Be("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20241231T000000;");
        var monthly = Recurrence.Monthly(new DateOnly(2024, 1, 9), 1, 2, DayOfWeek.Tuesday).Value.ToJson();
        ApiJson.Rrule(monthly).Should().Be("FREQ=MONTHLY;BYDAY=2TU;");
        ApiJson.Rrule(null).Should().BeNull();
    }

    [Test]
    public void Shown_user_variant_lists_profiles_as_organisation_objects_and_home_rdv_takes_the_responsible_address()
    {
        var json = Write(w => ApiJson.User(w, User, null, [Organisation]));
        json.Should().EndWith($$"""
            "user_profiles":[{"organisation":{{Examples["organisation"]}}}]}
            """);

        var relative = User with { Id = 302, Address = null, ResponsibleId = 301 };
        var rdv = new RdvRow { Id = 1, StartsAt = RenderedAt, EndsAt = RenderedAt.AddMinutes(45), Status = "excused", CreatedByType = "FileAttente" };
        var participation = new ParticipationRow { Id = 2, Status = "excused", CreatedByType = "FileAttente" };
        var home = Write(w => ApiJson.Rdv(w, new ApiJson.RdvGraph(rdv, Organisation, Motif with { LocationType = "home" }, null, [], [(participation, relative, User)])));
        using var document = JsonDocument.Parse(home);
        var root = document.RootElement;
        root.GetProperty("address").GetString().Should().Be(User.Address);
        root.GetProperty("created_by").GetString().Should().Be("file_attente");
        root.GetProperty("participations")[0].GetProperty("created_by").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("users_count").GetInt32().Should().Be(0);
        root.GetProperty("duration_in_min").GetInt32().Should().Be(45);
        root.GetProperty("users")[0].GetProperty("responsible").GetProperty("id").GetInt64().Should().Be(301);
        root.GetProperty("users")[0].GetProperty("responsible").GetProperty("responsible").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
