using System.Globalization;
using System.Net;
using FluentAssertions;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Catalog;

/// <summary>
/// Motifs through the real pages (REFERENCE-SURFACES §2.3.11): admins create, edit and delete; basic
/// agents read the motifs of their services; bad input and other organisations' ids write nothing;
/// the location type is locked once the motif has RDVs; every write moves the availability inputs version.
/// </summary>
[TestFixture]
public sealed class MotifPagesTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    private string Motifs(long? organisationId = null) => $"/admin/organisations/{organisationId ?? world.OrganisationA}/motifs";

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    internal static async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    internal static Task<long> InputsVersionAsync() => ScalarAsync("select coalesce(max(version), 0) from availability.inputs_version");

    private static Task<long> CountMotifsAsync(string name) => ScalarAsync("select count(*) from organisations.motifs where name = @name", ("name", name));

    /// <summary>A complete motif form, every option set, with overrides.</summary>
    private List<KeyValuePair<string, string>> Fields(string name, params (string Key, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.ServiceId"] = world.PmiServiceId.ToString(CultureInfo.InvariantCulture),
            ["Input.DefaultDurationInMin"] = "45",
            ["Input.Color"] = "#aa3366",
            ["Input.LocationType"] = "public_office",
            ["Input.Collectif"] = "false",
            ["Input.BookableBy"] = "everyone",
            ["Input.MinPublicBookingDelay"] = "86400",
            ["Input.MaxPublicBookingDelay"] = "5259492",
            ["Input.RdvsEditableByUser"] = "false",
            ["Input.FollowUp"] = "false",
            ["Input.ForSecretariat"] = "true",
            ["Input.SectorisationLevel"] = "organisation",
            ["Input.VisibilityType"] = "visible_and_not_notified",
            ["Input.RestrictionForRdv"] = "Apportez le carnet de santé.",
            ["Input.InstructionForRdv"] = "Présentez-vous à l'accueil.",
            ["Input.CustomCancelWarningMessage"] = "Prévenez-nous au 04 75 00 00 00.",
            ["Input.SlotStepMinutes"] = "15",
            ["Input.BufferAfterMinutes"] = "10",
        };
        foreach (var (key, value) in overrides) fields[$"Input.{key}"] = value;
        return fields.ToList();
    }

    [Test]
    public async Task An_admin_creates_a_motif_with_every_option_sees_it_listed_and_the_inputs_version_moves()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Bilan de santé");
        var before = await InputsVersionAsync();

        var response = await admin.PostFormAsync($"{Motifs()}/new", Fields(name));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = await ScalarAsync("select id from organisations.motifs where name = @name", ("name", name));
        response.Headers.Location!.OriginalString.Should().Be($"{Motifs()}/{id}");
        (await ScalarAsync(
            """
            select count(*) from organisations.motifs where id = @id and organisation_id = @o and service_id = @s and default_duration_in_min = 45
               and color = '#aa3366' and location_type = 'public_office' and not collectif and bookable_by = 'everyone'
               and min_public_booking_delay = 86400 and max_public_booking_delay = 5259492 and not rdvs_editable_by_user and not follow_up
               and for_secretariat and sectorisation_level = 'organisation' and visibility_type = 'visible_and_not_notified'
               and restriction_for_rdv = 'Apportez le carnet de santé.' and instruction_for_rdv = 'Présentez-vous à l''accueil.'
               and custom_cancel_warning_message = 'Prévenez-nous au 04 75 00 00 00.' and slot_step_minutes = 15 and buffer_after_minutes = 10
               and deleted_at is null
            """, ("id", id), ("o", world.OrganisationA), ("s", world.PmiServiceId))).Should().Be(1);
        (await InputsVersionAsync()).Should().BeGreaterThan(before, "the public search must see the new motif at once");

        var list = await admin.GetTextAsync(Motifs());
        list.Should().Contain(name).And.Contain("Créer un motif");
        var show = await admin.GetTextAsync($"{Motifs()}/{id}");
        show.Should().Contain(name).And.Contain("Tout le monde (réservation en ligne)").And.Contain("1 jour").And.Contain("2 mois")
            .And.Contain("15 minutes").And.Contain("Apportez le carnet de santé.").And.Contain("Modifier");

        var filtered = await admin.GetTextAsync($"{Motifs()}?online=offline");
        filtered.Should().NotContain(name).And.Contain("Entretien social");
        (await admin.GetTextAsync($"{Motifs()}?service_id={world.SocialServiceId}")).Should().NotContain(name);
        (await admin.GetTextAsync($"{Motifs()}?search={Uri.EscapeDataString(name[..10].ToUpperInvariant())}")).Should().Contain(name);
        (await admin.GetTextAsync($"{Motifs()}?location_type=hovercraft&online=maybe")).Should().Contain("Aucun motif ne correspond.", "an unknown filter value matches nothing");
    }

    [TestCase("DefaultDurationInMin", "0", "La durée par défaut doit être supérieure à 0 minute.")]
    [TestCase("DefaultDurationInMin", "10000", "La durée par défaut ne peut pas dépasser 720 minutes")]
    [TestCase("DefaultDurationInMin", "32", "multiple de 5 minutes")]
    [TestCase("MaxPublicBookingDelay", "3600", "Le délai maximum de réservation doit être supérieur au délai minimum.")]
    [TestCase("MaxPublicBookingDelay", "63113904", "ne peut pas dépasser un an")]
    [TestCase("MinPublicBookingDelay", "60", "au moins 30 minutes")]
    [TestCase("Color", "rouge", "La couleur doit être un code hexadécimal")]
    [TestCase("Name", "   ", "Le nom du motif est obligatoire.")]
    [TestCase("LocationType", "hovercraft", "Le type de RDV choisi n'existe pas.")]
    [TestCase("BookableBy", "robots", "Le choix « qui peut réserver » n'existe pas.")]
    [TestCase("VisibilityType", "secret", "La visibilité choisie n'existe pas.")]
    [TestCase("SectorisationLevel", "planete", "Le niveau de sectorisation choisi n'existe pas.")]
    [TestCase("Collectif", "true", "Un motif collectif doit avoir lieu sur place.", "LocationType", "phone")]
    [TestCase("FollowUp", "true", "Un RDV de suivi ne peut pas être aussi un RDV Secrétariat.")]
    [TestCase("SlotStepMinutes", "0", "Le pas des créneaux")]
    [TestCase("BufferAfterMinutes", "10000", "Le temps de battement")]
    [TestCase("BookableBy", "agents_and_prescripteurs_and_invited_users", "organisations RDV-Insertion")]
    public async Task Bad_motif_input_gets_a_french_message_and_writes_nothing(string field, string value, string message, string? otherField = null, string? otherValue = null)
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Motif refusé");
        var overrides = new List<(string, string)> { (field, value) };
        if (otherField is not null) overrides.Add((otherField, otherValue!));
        var fields = Fields(name, [.. overrides]);

        var response = await admin.PostFormAsync($"{Motifs()}/new", fields);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message).And.Contain("Le formulaire contient");
        (await CountMotifsAsync(name)).Should().Be(0);
        (await CountMotifsAsync(value)).Should().Be(0);
    }

    [Test]
    public async Task Huge_texts_are_refused_by_the_form_and_nothing_is_written()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Motif long");

        var longName = await admin.PostFormAsync($"{Motifs()}/new", Fields(name + new string('x', 120)));
        var longInstructions = await admin.PostFormAsync($"{Motifs()}/new", Fields(name, ("InstructionForRdv", new string('y', 5000))));

        longName.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await longName.ReadTextAsync()).Should().Contain("Le nom du motif doit contenir au plus 100 caractères.");
        longInstructions.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await longInstructions.ReadTextAsync()).Should().Contain("Le texte saisi est trop long");
        (await ScalarAsync("select count(*) from organisations.motifs where name like @prefix", ("prefix", name + "%"))).Should().Be(0);
    }

    [Test]
    public async Task A_second_active_motif_with_the_same_name_service_and_type_is_refused()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Doublon");
        (await admin.PostFormAsync($"{Motifs()}/new", Fields(name))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var second = await admin.PostFormAsync($"{Motifs()}/new", Fields(name));

        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await second.ReadTextAsync()).Should().Contain("Un motif actif porte déjà ce nom");
        (await CountMotifsAsync(name)).Should().Be(1);
        (await admin.PostFormAsync($"{Motifs()}/new", Fields(name, ("LocationType", "phone")))).StatusCode.Should().Be(HttpStatusCode.Redirect, "another location type is another motif");
    }

    [Test]
    public async Task A_motif_of_another_organisation_or_a_service_not_offered_is_refused_and_nothing_is_written()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var motifB = $"{Motifs(world.OrganisationB)}/{world.MotifB}";
        var fingerprint = await MotifFingerprintAsync(world.MotifB);

        (await admin.GetAsync($"{Motifs()}/{world.MotifB}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.GetAsync($"{Motifs()}/{world.MotifB}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var page = await admin.GetStringAsync($"{Motifs()}/new");
        var token = HtmlForms.AntiforgeryToken(page);
        var edit = await admin.PostAsync($"{Motifs()}/{world.MotifB}/edit", new FormUrlEncodedContent(Fields("Pirate").Append(new("__RequestVerificationToken", token))));
        var delete = await admin.PostAsync($"{Motifs()}/{world.MotifB}?handler=delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var inB = await admin.GetAsync(motifB);

        edit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        delete.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        inB.StatusCode.Should().Be(HttpStatusCode.Forbidden, "admin of A has no role in B");
        (await MotifFingerprintAsync(world.MotifB)).Should().Be(fingerprint);

        // The Secrétariat is no motif service, and a service nobody uses in A is not offered.
        var name = Unique("Service refusé");
        var otherService = await ScalarAsync("insert into organisations.services (name, short_name) values (@n, @n) returning id", ("n", Unique("Service lointain")));
        (await admin.PostFormAsync($"{Motifs()}/new", Fields(name, ("ServiceId", world.SecretariatServiceId.ToString(CultureInfo.InvariantCulture)))))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PostFormAsync($"{Motifs()}/new", Fields(name, ("ServiceId", otherService.ToString(CultureInfo.InvariantCulture)))))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountMotifsAsync(name)).Should().Be(0);
    }

    [Test]
    public async Task A_basic_agent_reads_the_motifs_of_his_services_and_may_not_write()
    {
        using var pmi = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var name = Unique("Interdit");

        var list = await pmi.GetTextAsync(Motifs());
        list.Should().Contain("Consultation PMI").And.NotContain("Entretien social").And.NotContain("Créer un motif");
        var show = await pmi.GetTextAsync($"{Motifs()}/{world.PmiMotifA}");
        show.Should().Contain("Consultation PMI").And.NotContain("Modifier").And.NotContain("motif-delete");
        (await pmi.GetAsync($"{Motifs()}/{world.SocialMotifA}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await pmi.GetAsync($"{Motifs()}/new")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await pmi.GetAsync($"{Motifs()}/{world.PmiMotifA}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var token = HtmlForms.AntiforgeryToken(list);
        (await pmi.PostAsync($"{Motifs()}/new", new FormUrlEncodedContent(Fields(name).Append(new("__RequestVerificationToken", token)))))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await pmi.PostAsync($"{Motifs()}/{world.PmiMotifA}?handler=delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountMotifsAsync(name)).Should().Be(0);
        (await ScalarAsync("select count(*) from organisations.motifs where id = @id and deleted_at is null", ("id", world.PmiMotifA))).Should().Be(1);

        using var secretary = await factory.SignedInAgentAsync(world.SecretaryA.Email);
        (await secretary.GetTextAsync(Motifs())).Should().Contain("Consultation PMI").And.Contain("Entretien social");
    }

    [Test]
    public async Task The_location_type_and_collective_flag_are_locked_once_the_motif_has_rdvs()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var edit = $"{Motifs()}/{world.PmiMotifA}/edit";
        var page = await admin.GetTextAsync(edit);
        page.Should().Contain("Ce motif a déjà des RDV").And.Contain("id=\"location-phone\" value=\"phone\" disabled=\"disabled\"");
        var before = await MotifFingerprintAsync(world.PmiMotifA);

        var phone = await admin.PostFormAsync(edit, Fields("Consultation PMI", ("LocationType", "phone")));
        var collective = await admin.PostFormAsync(edit, Fields("Consultation PMI", ("Collectif", "true")));

        phone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await phone.ReadTextAsync()).Should().Contain("son type de RDV et son nombre de participants ne peuvent plus changer");
        collective.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await MotifFingerprintAsync(world.PmiMotifA)).Should().Be(before);

        // Other options still change; the same location type passes.
        var renamed = await admin.PostFormAsync(edit, Fields("Consultation PMI", ("DefaultDurationInMin", "35")));
        renamed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync("select default_duration_in_min from organisations.motifs where id = @id", ("id", world.PmiMotifA))).Should().Be(35);
        await ScalarAsync("update organisations.motifs set default_duration_in_min = 30, bookable_by = 'everyone', for_secretariat = false, slot_step_minutes = null, buffer_after_minutes = null, min_public_booking_delay = 1800, max_public_booking_delay = 7889238, sectorisation_level = 'departement', visibility_type = 'visible_and_notified', color = '#1f77b4', restriction_for_rdv = null, instruction_for_rdv = null, custom_cancel_warning_message = null, rdvs_editable_by_user = true where id = @id returning 1", ("id", world.PmiMotifA));
    }

    [Test]
    public async Task An_unused_motif_changes_its_location_type_and_a_deleted_motif_leaves_the_lists()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Éphémère");
        var created = await admin.PostFormAsync($"{Motifs()}/new", Fields(name));
        var show = created.Headers.Location!.OriginalString;
        var id = long.Parse(show.Split('/').Last(), CultureInfo.InvariantCulture);

        (await admin.PostFormAsync($"{show}/edit", Fields(name, ("LocationType", "visio")))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync("select count(*) from organisations.motifs where id = @id and location_type = 'visio'", ("id", id))).Should().Be(1);

        var before = await InputsVersionAsync();
        var page = await admin.GetStringAsync(show);
        page.Should().Contain("data-confirm=");
        var deleted = await admin.PostAsync($"{show}?handler=delete", new FormUrlEncodedContent([new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page))]));

        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync("select count(*) from organisations.motifs where id = @id and deleted_at is not null", ("id", id))).Should().Be(1, "a motif is soft-deleted");
        (await InputsVersionAsync()).Should().BeGreaterThan(before);
        (await admin.GetTextAsync(Motifs())).Should().NotContain(name);
        (await admin.GetAsync(show)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PostFormAsync($"{Motifs()}/new", Fields(name, ("LocationType", "visio")))).StatusCode.Should().Be(HttpStatusCode.Redirect, "the name is free again");
    }

    [Test]
    public async Task Duplicating_prefills_the_form_with_the_motif()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);

        var page = await admin.GetTextAsync($"{Motifs()}/new?duplicate_motif_id={world.SocialMotifA}");

        page.Should().Contain("value=\"Entretien social (copie)\"");
        (await admin.GetAsync($"{Motifs()}/new?duplicate_motif_id={world.MotifB}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static Task<long> MotifFingerprintAsync(long id) =>
        ScalarAsync("select hashtext(m::text)::bigint from organisations.motifs m where id = @id", ("id", id));
}
